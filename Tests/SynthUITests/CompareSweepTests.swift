import XCTest
import SynthKit
@testable import SynthUI

final class CompareSweepTests: XCTestCase {
    func testEvenlySpacedValuesWithALockedSeed() {
        let sweep = ParameterSweep(spec: .temperature, from: 0.2, to: 1.2, count: 6, seed: 42)
        XCTAssertEqual(sweep.values.count, 6)
        for (value, expected) in zip(sweep.values, [0.2, 0.4, 0.6, 0.8, 1.0, 1.2]) {
            XCTAssertEqual(value, expected, accuracy: 1e-9)
        }
        var s = CompareState.sample(count: 2)
        s.send(.setParameter(columnIndex: 0, spec: .topK, value: 7))
        s.send(.applySweep(sweep))
        XCTAssertEqual(s.columns.count, 6)
        XCTAssertEqual(Set(s.columns.map(\.variant.parameters.seed)), [42])
        // Only the swept parameter differs between columns.
        for column in s.columns {
            var p = column.variant.parameters
            p.temperature = 0
            var first = s.columns[0].variant.parameters
            first.temperature = 0
            XCTAssertEqual(p, first)
            XCTAssertEqual(column.variant.parameters.topK, 7, "the sweep starts from the focused column's variant")
        }
        // The runs carry the sweep's values.
        let temperatures = s.send(.runAll).compactMap { e -> Double? in
            if case .startCompletion(_, let snap) = e { return snap.parameters.temperature }
            return nil
        }
        XCTAssertEqual(temperatures.count, 6)
        XCTAssertEqual(temperatures[3], 0.8, accuracy: 1e-9)
    }

    func testSeedZeroIsReplacedBecauseItMeansRandom() {
        let sweep = ParameterSweep(spec: .topP, from: 0.5, to: 0.9, count: 3, seed: 0)
        XCTAssertEqual(sweep.lockedSeed, 1)
        XCTAssertTrue(sweep.variants(from: .sample(seed: 0)).allSatisfy { $0.parameters.seed == 1 })
    }

    func testValuesAreClampedToTheAllowedRangeAndIntegersRounded() {
        // top_p allows 0…1.
        let topP = ParameterSweep(spec: .topP, from: -0.5, to: 1.5, count: 5, seed: 7).values
        XCTAssertEqual(topP, [0, 0, 0.5, 1, 1])
        // top_k is an integer in 1…1000: 0 → 1, steps rounded.
        let topK = ParameterSweep(spec: .topK, from: 0, to: 10, count: 4, seed: 7).values
        XCTAssertEqual(topK, [1, 3, 7, 10])
        XCTAssertTrue(ParameterSweep(spec: .topK, from: 900, to: 5000, count: 3, seed: 1).values.allSatisfy {
            ParameterSpec.topK.allows($0)
        })
        // repetition_penalty must be > 0: an open end is approached by one fine step.
        let penalty = ParameterSweep(spec: .repetitionPenalty, from: -1, to: 1, count: 2, seed: 1).values
        XCTAssertEqual(penalty, [0.01, 1])
        XCTAssertTrue(penalty.allSatisfy { ParameterSpec.repetitionPenalty.allows($0) })
        // Column count is limited to 2…6.
        XCTAssertEqual(ParameterSweep(spec: .temperature, from: 0, to: 1, count: 10, seed: 1).count, 6)
        XCTAssertEqual(ParameterSweep(spec: .temperature, from: 0, to: 1, count: 1, seed: 1).count, 2)
    }

    func testSweptValuesPassValidation() {
        var s = CompareState.sample(count: 2)
        s.send(.applySweep(ParameterSweep(spec: .maxTokens, from: -20, to: 50, count: 4, seed: 3)))
        XCTAssertEqual(s.columns.map(\.variant.parameters.maxTokens), [1, 3, 27, 50])
        XCTAssertEqual(s.runAll().count, 4, "every swept column is valid and runs")
    }
}

/// Issue #11: the sweep is reachable — typed on the compare screen (`s`) and given on the command line.
final class SweepEntryTests: XCTestCase {
    func testParsingListsRangesAndRefusals() throws {
        let listed = try ParameterSweep.parse("temperature=0.2,0.7,1.2", columns: 4, seed: 7).get()
        XCTAssertEqual(listed.values, [0.2, 0.7, 1.2])
        XCTAssertEqual(listed.count, 3)
        XCTAssertEqual(listed.lockedSeed, 7)
        let range = try ParameterSweep.parse("top-k=10..40", columns: 4, seed: 0).get()
        XCTAssertEqual(range.spec, .topK)
        XCTAssertEqual(range.values, [10, 20, 30, 40])
        XCTAssertEqual(range.lockedSeed, 1, "seed 0 (random) is locked to 1")
        XCTAssertEqual(ParameterSweep.parse("top_p=0.5,1.5", columns: 2, seed: 1), .failure(.outOfRange(spec: .topP, value: 1.5)))
        XCTAssertEqual(ParameterSweep.parse("warmth=1,2", columns: 2, seed: 1), .failure(.unknownParameter("warmth")))
        XCTAssertEqual(ParameterSweep.parse("temperature=0.5", columns: 2, seed: 1), .failure(.count(1)))
        XCTAssertEqual(ParameterSweep.parse("temperature", columns: 2, seed: 1), .failure(.form("temperature")))
    }

    func testTypingASweepOnTheCompareScreen() {
        var s = AppState.sample(prompt: "Once")
        s.press(.function(2))
        s.press(.character("s"))
        XCTAssertEqual(s.compare?.sweepInput?.text, "temperature=")
        XCTAssertTrue(s.screen.contains("sweep › temperature="), s.screen)
        s.type("0.2,9x")
        s.press(.enter)
        XCTAssertNotNil(s.compare?.sweepInput, "a refused sweep keeps the line open to fix")
        XCTAssertTrue(s.screen.contains("is not a sweep"), s.screen)
        for _ in 0..<2 { s.press(.backspace) }
        s.type(".7,1.2")
        s.press(.enter)
        XCTAssertNil(s.compare?.sweepInput)
        XCTAssertEqual(s.compare?.columns.count, 3)
        XCTAssertEqual(s.compare?.columns.map { $0.variant.parameters.temperature }, [0.2, 0.7, 1.2])
        XCTAssertEqual(Set(s.compare?.columns.map { $0.variant.parameters.seed } ?? []).count, 1, "one seed for all")
        XCTAssertEqual(s.mode, .compare)
        // Esc while typing closes the line, not the screen.
        s.press(.character("s"))
        s.press(.escape)
        XCTAssertNil(s.compare?.sweepInput)
        XCTAssertEqual(s.mode, .compare)
    }

    func testCopyAsMarkdownReachesTheClipboard() {
        var s = AppState.sample(prompt: "Once")
        s.press(.function(2))
        let effects = s.press(.character("y"))
        guard case .copyToClipboard(let text)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertTrue(text.hasPrefix("# Comparison"), text)
    }
}
