import XCTest
@testable import LocalEngine

/// Per-token probabilities: the sampler's distribution, the model's raw log-softmax, and the alternatives.
final class TokenLogprobsTests: XCTestCase {
    /// A small vocabulary: <|endoftext|>=0, <|im_end|>=1, <|im_start|>=2, then the 256 byte tokens.
    private static let tokenizer: Tokenizer = {
        let byteSpellings = (0..<256).map { TokenizerByteMapping.encode([UInt8($0)]) }
        let tokens = ["<|endoftext|>", "<|im_end|>", "<|im_start|>"] + byteSpellings
        let types: [Int32] = [3, 3, 3] + [Int32](repeating: 1, count: 256)
        return try! Tokenizer(tokens: tokens, merges: [], tokenTypes: types, eosID: 1)
    }()

    private func byteToken(_ byte: UInt8) -> Int32 { Int32(byte) + 3 }

    private func randomLogits(_ count: Int, seed: UInt64) -> [Float] {
        var random = SamplerRandom(seed: seed)
        return (0..<count).map { _ in Float(random.nextUnit() * 8 - 4) }
    }

    func testTheDistributionIsTheOneTheSamplerDrawsFrom() {
        let options = SamplingOptions(temperature: 0.8, topK: 50, topP: 0.9, typicalP: 0.95, seed: 11)
        var plain = Sampler(options: options)
        var reporting = Sampler(options: options)
        for step in 0..<40 {
            let logits = randomLogits(300, seed: UInt64(step + 1))
            let token = plain.sample(logits)
            var copy = reporting
            let expected = copy.candidates(logits)
            let drawn = logits.withUnsafeBufferPointer { reporting.sampleWithDistribution($0) }
            XCTAssertEqual(drawn.token, token, "asking for the distribution never changes the choice (step \(step))")
            XCTAssertEqual(drawn.distribution, expected)
            XCTAssertTrue(drawn.distribution.contains { $0.id == token })
            plain.accept(token)
            reporting.accept(token)
        }
    }

    func testAlternativesAreSortedUniqueAndAProbabilityDistribution() {
        let options = SamplingOptions(temperature: 1.3, topK: 0, topP: 1, presencePenalty: 0.5,
                                      logitBias: [7: 3, 9: -100], seed: 5)
        var state = GenerationState(tokenizer: Self.tokenizer, promptTokens: [byteToken(0x41)], options: options,
                                    maxTokens: 30, topLogprobs: 20)
        var steps = 0
        while !state.isFinished {
            let logits = randomLogits(Self.tokenizer.vocabularySize, seed: UInt64(100 + steps))
            let step = state.advance(logits: logits)
            steps += 1
            guard let record = step.logprobs else {
                XCTAssertTrue(Self.tokenizer.endOfGenerationIDs.contains(step.token), "only an end token has none")
                continue
            }
            XCTAssertEqual(record.id, step.token)
            XCTAssertEqual(record.alternatives.count, 20)
            let logprobs = record.alternatives.map(\.logprob)
            XCTAssertEqual(logprobs, logprobs.sorted(by: >), "most probable first")
            XCTAssertEqual(Set(record.alternatives.map(\.id)).count, 20, "each id once")
            XCTAssertFalse(record.alternatives.contains { $0.id == 9 }, "a banned token is never an alternative")
            XCTAssertLessThanOrEqual(logprobs.reduce(0) { $0 + exp($1) }, 1 + 1e-9)
            XCTAssertLessThanOrEqual(record.logprob, 0)
            if let listed = record.alternatives.first(where: { $0.id == record.id }) {
                XCTAssertEqual(listed.logprob, record.logprob, accuracy: 1e-12)
            } else {
                XCTAssertLessThanOrEqual(record.logprob, logprobs.last!, "an unlisted choice is less probable")
            }
            let raw = logits.withUnsafeBufferPointer {
                GenerationLogProbability.logProbability(of: record.id, in: $0)
            }
            XCTAssertEqual(record.modelLogprob, raw, accuracy: 1e-12, "the raw model log-softmax")
            // Temperature 1.3, a bias and a penalty make the sampling distribution differ from the model's.
            XCTAssertNotEqual(record.logprob, record.modelLogprob, accuracy: 1e-6)
        }
        XCTAssertGreaterThan(steps, 0)
    }

    func testGreedyChoiceIsCertainAndItsOwnOnlyAlternative() {
        var state = GenerationState(tokenizer: Self.tokenizer, promptTokens: [byteToken(0x41)], options: .greedy,
                                    maxTokens: 3, topLogprobs: 5)
        var logits = [Float](repeating: 0, count: Self.tokenizer.vocabularySize)
        logits[Int(byteToken(0x42))] = 2
        let record = try? XCTUnwrap(state.advance(logits: logits).logprobs)
        XCTAssertEqual(record?.id, byteToken(0x42))
        XCTAssertEqual(record?.logprob, 0)
        XCTAssertEqual(record?.alternatives.map(\.id), [byteToken(0x42)])
        XCTAssertEqual(record?.alternatives.first?.logprob, 0)
        XCTAssertEqual(record?.text, "B")
        let expected = 2 - log(Double(Self.tokenizer.vocabularySize - 1) + exp(2))
        XCTAssertEqual(record?.modelLogprob ?? 0, expected, accuracy: 1e-9)
    }

    func testAPartialCharacterGivesItsBytesAndAReplacementForDisplay() {
        var state = GenerationState(tokenizer: Self.tokenizer, promptTokens: [byteToken(0x41)], options: .greedy,
                                    maxTokens: 5, topLogprobs: 0)
        var steps: [GenerationStep] = []
        for byte: UInt8 in [0xC3, 0xA9] {  // "é" in two tokens
            var logits = [Float](repeating: 0, count: Self.tokenizer.vocabularySize)
            logits[Int(byteToken(byte))] = 10
            steps.append(state.advance(logits: logits))
        }
        XCTAssertEqual(steps.map(\.text), ["", "é"], "the text waits for the whole character")
        XCTAssertEqual(steps.map { $0.logprobs?.bytes }, [[0xC3], [0xA9]])
        XCTAssertEqual(steps.map { $0.logprobs?.text }, ["\u{FFFD}", "\u{FFFD}"])
        XCTAssertEqual(steps.map { $0.logprobs?.alternatives.count }, [0, 0], "top_logprobs 0 lists none")
    }

    func testNotAskedGivesNoRecord() {
        var state = GenerationState(tokenizer: Self.tokenizer, promptTokens: [byteToken(0x41)],
                                    options: SamplingOptions(seed: 3), maxTokens: 3)
        let step = state.advance(logits: randomLogits(Self.tokenizer.vocabularySize, seed: 9))
        XCTAssertNil(step.logprobs)
    }
}
