// Helpers for driving the translation scratchpad in tests.
import Foundation
import XCTest
import SynthKit
@testable import SynthUI

extension TranslatePadState {
    static func sample(text: String = "", columns: Int = 120, rows: Int = 40, source: String = "auto",
                       target: String = "fr", support: LanguageSupport = .all) -> TranslatePadState {
        var s = TranslatePadState(support: support, sourceLang: source, targetLang: target, text: text,
                                  price: TokenPrice(perInputToken: 0.000_001, perOutputToken: 0.000_002))
        s.send(.resize(Rect(x: 0, y: 0, width: columns, height: rows)))
        return s
    }

    @discardableResult
    mutating func send(_ event: TranslateEvent) -> [TranslateEffect] { updateTranslatePad(state: &self, event: event) }

    @discardableResult
    mutating func press(_ key: Key, _ modifiers: KeyModifiers = []) -> [TranslateEffect] {
        send(.key(KeyPress(key, modifiers)))
    }

    mutating func type(_ text: String) {
        for c in text { press(c == "\n" ? .enter : .character(c)) }
    }

    /// The translate effects of a batch of effects.
    static func translateRequests(_ effects: [TranslateEffect]) -> [(id: Int, request: TranslateRequest)] {
        effects.compactMap {
            if case .translate(let id, _, _, let request) = $0 { return (id, request) }
            return nil
        }
    }

    /// Answers every request with a translation the test can predict: `<lang>:<text>` in upper case.
    mutating func answerAll(_ effects: [TranslateEffect], detected: String = "en") -> [TranslateEffect] {
        var more: [TranslateEffect] = []
        for (id, request) in Self.translateRequests(effects) {
            let answer = TranslateAnswer(
                translations: request.text.map {
                    .init(text: "\(request.targetLang):\($0.uppercased())",
                          detectedSourceLang: request.sourceLang == "auto" ? detected : request.sourceLang)
                },
                inputTokens: request.text.count * 5, outputTokens: request.text.count * 7)
            more += send(.translated(requestID: id, answer: answer))
        }
        return more
    }

    var grid: CellGrid {
        var g = CellGrid(columns: viewRect.width, rows: viewRect.height)
        renderTranslatePad(self, in: viewRect, into: &g)
        return g
    }
}
