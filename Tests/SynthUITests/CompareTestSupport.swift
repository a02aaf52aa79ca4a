// Helpers for driving the compare screen in tests.
import Foundation
import XCTest
import SynthKit
@testable import SynthUI

extension CompareVariant {
    static func sample(temperature: Double = 1, seed: Int = 0) -> CompareVariant {
        CompareVariant(backend: "textsynth", engine: EngineChoice.textSynthEngines[0],
                       parameters: SamplingParameters(maxTokens: 60, temperature: temperature, seed: seed),
                       price: TokenPrice(perInputToken: 0.000_01, perOutputToken: 0.000_02))
    }
}

extension CompareState {
    static func sample(count: Int = 2, columns: Int = 120, rows: Int = 40,
                       prompt: String = "Once upon a time") -> CompareState {
        var s = CompareState(prompt: prompt, base: .sample(), count: count)
        s.send(.resize(Rect(x: 0, y: 0, width: columns, height: rows)))
        return s
    }

    @discardableResult
    mutating func send(_ event: CompareEvent) -> [CompareEffect] { updateCompare(state: &self, event: event) }

    @discardableResult
    mutating func press(_ key: Key, _ modifiers: KeyModifiers = []) -> [CompareEffect] {
        send(.key(KeyPress(key, modifiers)))
    }

    /// Runs every column and returns (column id, request id) pairs in column order.
    mutating func runAll() -> [(column: Int, request: Int)] {
        send(.runAll).compactMap {
            if case .startCompletion(let column, let snapshot) = $0 { return (column, snapshot.id) }
            return nil
        }
    }

    var grid: CellGrid {
        var g = CellGrid(columns: viewRect.width, rows: viewRect.height)
        renderCompare(self, in: viewRect, into: &g)
        return g
    }
}
