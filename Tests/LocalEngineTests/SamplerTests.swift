import TestPeer
import XCTest
@testable import LocalEngine

/// Sampling on synthetic logits: every TextSynth parameter changes what it should.
final class SamplerTests: XCTestCase {
    private func randomLogits(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededRandom(seed: seed)
        return (0..<count).map { _ in Float(generator.next() % 20_000) / 1000 - 10 }
    }

    /// Logits whose softmax (temperature 1) is exactly `probabilities`.
    private func logits(forProbabilities probabilities: [Double]) -> [Float] {
        probabilities.map { Float(log($0)) }
    }

    private func argmax(_ logits: [Float]) -> Int32 {
        Int32(logits.indices.max { logits[$0] < logits[$1] }!)
    }

    func testTopKOneAndTemperatureZeroAreGreedy() {
        for seed in 1...20 as ClosedRange<UInt64> {
            let logits = randomLogits(1000, seed: seed)
            var topOne = Sampler(options: SamplingOptions(temperature: 1.5, topK: 1, topP: 1, seed: seed))
            var cold = Sampler(options: SamplingOptions(temperature: 0, topK: 40, topP: 0.5, seed: seed))
            XCTAssertEqual(topOne.sample(logits), argmax(logits))
            XCTAssertEqual(cold.sample(logits), argmax(logits))
        }
    }

    func testPartialTopKSelectionEqualsFullSort() {
        let logits = randomLogits(49152, seed: 99)
        let fullOrder = logits.indices.sorted { logits[$0] != logits[$1] ? logits[$0] > logits[$1] : $0 < $1 }
        for k in [1, 2, 40, 1000] {
            let top = logits.withUnsafeBufferPointer { SamplerCandidates.top(k, of: $0) }
            XCTAssertEqual(top.map { Int($0.1) }, Array(fullOrder.prefix(k)), "k = \(k)")
        }
        var sampler = Sampler(options: SamplingOptions(temperature: 1, topK: 40, topP: 1, seed: 5))
        XCTAssertEqual(sampler.candidates(logits).map { Int($0.id) }, Array(fullOrder.prefix(40)))
    }

    func testLogitBiasOfMinus100BansTheToken() {
        let logits: [Float] = [0, 1, 500, 2]  // token 2 would win by far
        var greedy = Sampler(options: SamplingOptions(temperature: 0, logitBias: [2: -100]))
        XCTAssertEqual(greedy.sample(logits), 3)
        var sampler = Sampler(options: SamplingOptions(temperature: 5, topK: 0, topP: 1, logitBias: [2: -100], seed: 3))
        for _ in 0..<500 { XCTAssertNotEqual(sampler.sample(logits), 2) }
        XCTAssertFalse(sampler.candidates(logits).contains { $0.id == 2 })
    }

    func testPositiveLogitBiasRaisesAToken() {
        let logits: [Float] = [3, 1, 0]
        var sampler = Sampler(options: SamplingOptions(temperature: 0, logitBias: [2: 4]))
        XCTAssertEqual(sampler.sample(logits), 2)
    }

    func testTopPKeepsTheMinimalNucleus() {
        let logits = logits(forProbabilities: [0.5, 0.3, 0.15, 0.05])
        func nucleus(_ p: Float, topK: Int = 0) -> [SamplerCandidate] {
            var sampler = Sampler(options: SamplingOptions(temperature: 1, topK: topK, topP: p, seed: 1))
            return sampler.candidates(logits)
        }
        XCTAssertEqual(nucleus(0.4).map(\.id), [0])
        XCTAssertEqual(nucleus(0.75).map(\.id), [0, 1])
        XCTAssertEqual(nucleus(0.75).map(\.probability)[0], 0.625, accuracy: 1e-6)
        XCTAssertEqual(nucleus(0.9).map(\.id), [0, 1, 2])
        XCTAssertEqual(nucleus(1).map(\.id), [0, 1, 2, 3])
        XCTAssertEqual(nucleus(0.99, topK: 2).map(\.id), [0, 1], "top_k caps top_p")
        var sampler = Sampler(options: SamplingOptions(temperature: 1, topK: 0, topP: 0.75, seed: 11))
        for _ in 0..<300 { XCTAssertLessThan(sampler.sample(logits), 2) }
    }

    func testTypicalPPrefersTokensNearTheEntropy() {
        // Entropy 1.33 nats: the 0.2 tokens (surprisal 1.61) are more typical than the 0.4 one (0.92).
        let logits = logits(forProbabilities: [0.4, 0.2, 0.2, 0.2])
        var typical = Sampler(options: SamplingOptions(temperature: 1, topK: 0, topP: 1, typicalP: 0.5, seed: 1))
        let kept = typical.candidates(logits)
        XCTAssertEqual(Set(kept.map(\.id)), [1, 2, 3])
        for candidate in kept { XCTAssertEqual(candidate.probability, 1.0 / 3, accuracy: 1e-6) }
        var capped = Sampler(options: SamplingOptions(temperature: 1, topK: 2, topP: 1, typicalP: 0.5, seed: 1))
        // top_k keeps tokens 0 and 1 (2/3, 1/3): entropy 0.64, so now token 0 (surprisal 0.41) is the typical one.
        XCTAssertEqual(capped.candidates(logits).map(\.id), [0])
        var disabled = Sampler(options: SamplingOptions(temperature: 1, topK: 0, topP: 1, typicalP: 1, seed: 1))
        XCTAssertEqual(disabled.candidates(logits).count, 4)
    }

    func testTemperatureSharpensAndFlattens() {
        let logits = logits(forProbabilities: [0.6, 0.3, 0.1])
        func best(_ temperature: Float) -> Double {
            var sampler = Sampler(options: SamplingOptions(temperature: temperature, topK: 0, topP: 1, seed: 1))
            return sampler.candidates(logits)[0].probability
        }
        XCTAssertEqual(best(1), 0.6, accuracy: 1e-6)
        XCTAssertGreaterThan(best(0.5), 0.75)
        XCTAssertLessThan(best(3), 0.5)
    }

    func testPresencePenaltyLowersGeneratedTokensOnce() {
        let logits: [Float] = [5, 4.5, 0]
        var sampler = Sampler(options: SamplingOptions(temperature: 0, presencePenalty: 1), promptTokens: [1])
        XCTAssertEqual(sampler.sample(logits), 0)
        sampler.accept(0)
        XCTAssertEqual(sampler.sample(logits), 1, "5 - 1 < 4.5")
        // The prompt's token 1 is not penalised; a second use of token 0 costs nothing more.
        var flat = Sampler(options: SamplingOptions(temperature: 1, topK: 0, topP: 1, presencePenalty: 0.75))
        flat.accept(0); flat.accept(0); flat.accept(0)
        XCTAssertEqual(flat.candidates([5, 3, 0]).first { $0.id == 0 }?.logit, 4.25)
    }

    func testFrequencyPenaltyGrowsWithCount() {
        let logits: [Float] = [5, 3, 0]
        var sampler = Sampler(options: SamplingOptions(temperature: 0, frequencyPenalty: 0.75))
        sampler.accept(0); sampler.accept(0)
        XCTAssertEqual(sampler.sample(logits), 0, "5 - 1.5 > 3")
        sampler.accept(0)
        XCTAssertEqual(sampler.sample(logits), 1, "5 - 2.25 < 3")
        var inspected = Sampler(options: SamplingOptions(temperature: 1, topK: 0, topP: 1, presencePenalty: 0.5,
                                                         frequencyPenalty: 0.25))
        inspected.accept(1); inspected.accept(1)
        XCTAssertEqual(inspected.candidates(logits).first { $0.id == 1 }?.logit, 3 - 0.5 - 0.5)
        // Lower logit, lower probability.
        var plain = Sampler(options: SamplingOptions(temperature: 1, topK: 0, topP: 1))
        XCTAssertLessThan(inspected.candidates(logits).first { $0.id == 1 }!.probability,
                          plain.candidates(logits).first { $0.id == 1 }!.probability)
    }

    func testRepetitionPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        let logits: [Float] = [2, 1.5, -1, -1.5, -10]
        var sampler = Sampler(options: SamplingOptions(temperature: 1, topK: 0, topP: 1, repetitionPenalty: 2),
                              promptTokens: [0, 2])
        sampler.accept(3)
        let adjusted = Dictionary(uniqueKeysWithValues: sampler.candidates(logits).map { ($0.id, $0.logit) })
        XCTAssertEqual(adjusted[0], 1, "prompt token, positive: divided")
        XCTAssertEqual(adjusted[1], 1.5, "absent: unchanged")
        XCTAssertEqual(adjusted[2], -2, "prompt token, negative: multiplied")
        XCTAssertEqual(adjusted[3], -3, "generated token, negative: multiplied")
        var greedy = Sampler(options: SamplingOptions(temperature: 0, repetitionPenalty: 2), promptTokens: [0])
        XCTAssertEqual(greedy.sample(logits), 1)
    }

    func testSameSeedSameTokensDifferentSeedsDiverge() {
        let steps = (0..<60).map { randomLogits(500, seed: UInt64($0) + 1000).map { $0 / 4 } }
        func run(_ seed: UInt64) -> [Int32] {
            var sampler = Sampler(options: SamplingOptions(temperature: 1, topK: 200, topP: 0.95, seed: seed))
            return steps.map { let token = sampler.sample($0); sampler.accept(token); return token }
        }
        XCTAssertEqual(run(42), run(42))
        XCTAssertNotEqual(run(42), run(43))
        XCTAssertNotEqual(run(0), run(0), "seed 0 draws fresh randomness")
        XCTAssertNotEqual(Sampler(options: SamplingOptions(seed: 0)).seed, 0)
    }

    func testRandomGeneratorIsThePortableXoshiro() {
        // Values from an independent python implementation of SplitMix64 seeding + xoshiro256**.
        var random = SamplerRandom(seed: 42)
        XCTAssertEqual(random.next(), 0x1578_0B2E_0C2E_C716)
        XCTAssertEqual(random.next(), 0x6104_D986_6D11_3A7E)
        XCTAssertEqual(random.next(), 0xAE17_5332_39E4_99A1)
    }

    func testDrawsFollowTheDistribution() {
        let logits = logits(forProbabilities: [0.7, 0.2, 0.1])
        var sampler = Sampler(options: SamplingOptions(temperature: 1, topK: 0, topP: 1, seed: 2024))
        var counts = [0, 0, 0]
        for _ in 0..<20_000 { counts[Int(sampler.sample(logits))] += 1 }
        XCTAssertEqual(Double(counts[0]) / 20_000, 0.7, accuracy: 0.02)
        XCTAssertEqual(Double(counts[1]) / 20_000, 0.2, accuracy: 0.02)
        XCTAssertEqual(Double(counts[2]) / 20_000, 0.1, accuracy: 0.02)
    }

    func testCompletionSeedsAreDerived() {
        let options = SamplingOptions(seed: 7)
        XCTAssertEqual((0..<3).map { options.forCompletion($0).seed }, [7, 8, 9])
        XCTAssertEqual(SamplingOptions(seed: 0).forCompletion(2).seed, 0)
    }

    /// A full vocabulary with every option on: the same seed picks the same tokens, and each pick is one top_k can
    /// reach. Its speed per token is EngineBench's figure, not a check here.
    func testSamplingOnAFullVocabularyIsSeededAndStaysInTheTopK() {
        let logits = randomLogits(49152, seed: 7)
        let options = SamplingOptions(temperature: 0.8, topK: 40, topP: 0.9, presencePenalty: 0.5,
                                      repetitionPenalty: 1.1, seed: 1)
        var sampler = Sampler(options: options, promptTokens: Array(0..<500))
        var again = Sampler(options: options, promptTokens: Array(0..<500))
        // Penalties only lower the logits of tokens already seen, so the top 40 after penalties lie among the
        // top (40 + tokens seen) raw logits.
        let rank = Dictionary(uniqueKeysWithValues: logits.indices.sorted { logits[$0] > logits[$1] }
            .enumerated().map { (Int32($0.element), $0.offset) })
        var seen = Set(Int32(0)..<500)
        for step in 0..<200 {
            let token = sampler.sample(logits)
            XCTAssertEqual(again.sample(logits), token, "step \(step)")
            XCTAssertLessThan(rank[token]!, 40 + seen.count, "step \(step): token \(token)")
            sampler.accept(token)
            again.accept(token)
            seen.insert(token)
        }
    }
}
