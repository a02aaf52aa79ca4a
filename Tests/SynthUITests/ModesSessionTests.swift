import Foundation
import XCTest
import SynthKit
@testable import SynthUI

/// The compare columns' settings and the pad's inputs survive a restart (through JSON, as the runtime saves them).
final class ModesSessionTests: XCTestCase {
    func testCompareColumnsAndPadInputsRoundTrip() throws {
        var s = AppState.sample(prompt: "Once")
        s.press(.function(2))
        s.press(.character("a"))
        s.press(.right)
        s.press(.character("e"))
        s.press(.character("+"))
        s.press(.function(3))
        s.type("Hello there")
        s.send(.translate(.setLanguage(.source, code: "en")))
        s.send(.translate(.setLanguage(.target, code: "es")))
        let data = try JSONEncoder().encode(s.modesSession)
        let json = String(decoding: data, as: UTF8.self)
        XCTAssertFalse(json.lowercased().contains("key"), "no field could hold a key: \(json)")

        var restored = AppState.sample(prompt: "Once")
        restored.restore(try JSONDecoder().decode(ModesSession.self, from: data))
        XCTAssertEqual(restored.compare?.columns.map(\.variant), s.compare?.columns.map(\.variant))
        XCTAssertEqual(restored.compare?.prompt, "Once")
        XCTAssertEqual(restored.translatePad.source.text, "Hello there")
        XCTAssertEqual(restored.translatePad.sourceLang, "en")
        XCTAssertEqual(restored.translatePad.targetLang, "es")
        XCTAssertEqual(restored.mode, .playground, "the command decides the mode, not the file")
        restored.press(.function(2))
        XCTAssertEqual(restored.compare?.columns.count, 3)
    }
}
