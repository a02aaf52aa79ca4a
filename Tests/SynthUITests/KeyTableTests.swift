// Issue #10: one key table per screen both dispatches and documents. These walk every table: each binding's keys
// reach it (nothing shadows it for good), and no key outside the tables does anything.
import XCTest
import SynthKit
@testable import SynthUI

final class KeyTableTests: XCTestCase {
    /// Every binding's example presses lead to that binding, unless an earlier binding that only applies in some
    /// state (`when`) takes them first — then the binding is what they do in the other states.
    private func assertEveryBindingIsReachable<A, C>(_ table: KeyTable<A, C>, file: StaticString = #filePath,
                                                     line: UInt = #line) {
        for (index, binding) in table.bindings.enumerated() {
            for match in binding.matches {
                let press = match.example
                XCTAssertTrue(match.matches(press), "\(table.title): \(match) does not match its own example")
                let first = table.bindings.firstIndex { candidate in
                    candidate.matches.contains { $0.matches(press) } && !candidate.isConditional
                }
                XCTAssertTrue(first == nil || first! >= index || binding.isConditional == false && first! == index,
                              "\(table.title): \(binding.keys) is shadowed by \(table.bindings[first!].keys) for \(press)",
                              file: file, line: line)
            }
        }
    }

    func testNoBindingIsShadowed() {
        assertEveryBindingIsReachable(AppState.appKeys)
        assertEveryBindingIsReachable(AppState.helpKeys)
        assertEveryBindingIsReachable(PlaygroundState.screenKeys)
        assertEveryBindingIsReachable(PlaygroundState.promptKeys)
        assertEveryBindingIsReachable(PlaygroundState.parameterKeys)
        assertEveryBindingIsReachable(PlaygroundState.parameterInputKeys)
        assertEveryBindingIsReachable(PlaygroundState.outputKeys)
        assertEveryBindingIsReachable(CompareState.keys)
        assertEveryBindingIsReachable(CompareState.sweepKeys)
        assertEveryBindingIsReachable(TranslatePadState.keys)
        assertEveryBindingIsReachable(TranslatePadState.editorKeys)
        assertEveryBindingIsReachable(TranslatePadState.pickerKeys)
        assertEveryBindingIsReachable(ChatState.screenKeys)
        assertEveryBindingIsReachable(ChatState.composerKeys)
        assertEveryBindingIsReachable(ChatState.transcriptKeys)
        assertEveryBindingIsReachable(ChatState.parameterKeys)
    }

    /// Keys a person might try: function keys, Ctrl and Alt letters, the navigation keys, with and without Shift.
    private var triedKeys: [KeyPress] {
        var keys: [KeyPress] = []
        for n in 1...12 { keys += [KeyPress(.function(n)), KeyPress(.function(n), .shift)] }
        for c in "abcdefghijklmnopqrstuvwxyz" { keys += [.ctrl(c), KeyPress(.character(c), .alt)] }
        for key: Key in [.enter, .tab, .backspace, .delete, .escape, .insert, .up, .down, .left, .right, .home, .end,
                         .pageUp, .pageDown] {
            keys += [KeyPress(key), KeyPress(key, .shift), KeyPress(key, .control)]
        }
        return keys
    }

    /// A key that does something on a screen is one its tables (or the shared ones) name.
    func testAKeyThatWorksIsInTheTables() {
        for pane in Pane.allCases {
            for key in triedKeys where key != .ctrl("q") && key.key != .function(1) {
                var s = AppState.sample(prompt: "Once upon a time")
                s.send(.streamChunk(request: .playground(0), index: 0, text: ""))
                s.focusPane(pane)
                let before = s
                let effects = s.send(.key(key))
                guard s != before || !effects.isEmpty else { continue }
                let tables = AppState.appKeys.action(for: key, in: before) != nil
                    || PlaygroundState.screenKeys.action(for: key, in: before.playground) != nil
                    || before.playground.paneKeys.action(for: key, in: before.playground) != nil
                XCTAssertTrue(tables, "\(key) does something in the \(pane) pane but no key table names it")
            }
        }
        for mode in [AppMode.compare, .translate] {
            for key in triedKeys where key != .ctrl("q") && key.key != .function(1) {
                var s = AppState.sample(prompt: "Once upon a time")
                s.switchMode(to: mode)
                let before = s
                let effects = s.send(.key(key))
                guard s != before || !effects.isEmpty else { continue }
                let named: Bool
                switch mode {
                case .compare:
                    named = AppState.appKeys.action(for: key, in: before) != nil
                        || CompareState.keys.action(for: key, in: before.compare!) != nil
                        || key.key == .escape  // idle Esc returns to the playground: the table's "cancel; idle: back"
                default:
                    named = AppState.appKeys.action(for: key, in: before) != nil
                        || TranslatePadState.keys.action(for: key, in: before.translatePad) != nil
                        || TranslatePadState.editorKeys.action(for: key, in: before.translatePad) != nil
                        || key.key == .escape
                }
                XCTAssertTrue(named, "\(key) does something on the \(mode) screen but no key table names it")
            }
        }
    }

    /// Keys the old help left out are listed now (PgUp/PgDn, Ctrl-⇧Z, [ ], Space).
    func testKeysHelpUsedToMissAreListed() {
        var s = AppState.sample()
        s.press(.function(1))
        let text = s.helpPagesText()
        for keys in ["PgUp/PgDn", "Ctrl-Z/Y/⇧Z", "[ ]", "␣", "Ctrl-U", "Home/End"] {
            XCTAssertTrue(text.contains(keys), "help lacks \(keys)")
        }
    }
}
