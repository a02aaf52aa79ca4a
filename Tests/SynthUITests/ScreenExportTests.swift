import XCTest
import SynthKit
@testable import SynthUI

/// Alt-E / Alt-J: the screen shown as Markdown or JSON, for the runtime to save.
final class ScreenExportTests: XCTestCase {
    private func exported(_ effects: [Effect]) -> (name: String, ext: String, text: String)? {
        for case .exportFile(let name, let ext, let contents) in effects {
            return (name, ext, String(decoding: contents, as: UTF8.self))
        }
        return nil
    }

    func testThePlaygroundRunAsMarkdownAndJSON() throws {
        var s = AppState.sample(prompt: "Once upon a time")
        s.parameters.sampling.temperature = 0.7
        s.press(.function(5))
        s.send(.streamChunk(request: .playground(1), index: 0, text: " there was a fox."))
        s.send(.streamFinished(request: .playground(1), stats: CompletionStats(inputTokens: 4, outputTokens: 5,
                                                                               finishReason: "stop")))
        let md = try XCTUnwrap(exported(s.press(.character("e"), .alt)))
        XCTAssertEqual(md.name, "playground")
        XCTAssertEqual(md.ext, "md")
        XCTAssertTrue(md.text.contains("gptj_6B on textsynth"), md.text)
        XCTAssertTrue(md.text.contains("- `temperature` = 0.7"), md.text)
        XCTAssertTrue(md.text.contains("Once upon a time"))
        XCTAssertTrue(md.text.contains(" there was a fox."))
        let json = try XCTUnwrap(exported(s.press(.character("j"), .alt)))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
        XCTAssertEqual(object["outputs"] as? [String], [" there was a fox."])
        XCTAssertEqual((object["parameters"] as? [String: Any])?["temperature"] as? Double, 0.7)
        s.send(.exported(path: "/x/playground-1.md"))
        XCTAssertEqual(s.parameterNotice?.text, "exported to /x/playground-1.md")
    }

    func testChatAndPadExportsAndAnEmptyScreenSaysSo() throws {
        var s = AppState.sample()
        s.press(.character("4"), .alt)
        XCTAssertNil(exported(s.press(.character("e"), .alt)))
        XCTAssertEqual(s.chat?.notice?.text, "nothing to export on this screen yet")
        s.type("Hi")
        s.press(.enter)
        s.send(.streamChunk(request: .chat(1), index: 0, text: "Hello!"))
        s.send(.streamFinished(request: .chat(1), stats: CompletionStats()))
        let md = try XCTUnwrap(exported(s.press(.character("e"), .alt)))
        XCTAssertTrue(md.text.contains("## Assistant\n\nHello!"), md.text)

        s.press(.function(3))
        s.type("Good morning.")
        s.press(.function(5))
        s.send(.translated(request: .translate(1), answer: TranslateAnswer(translations: [
            .init(text: "Bonjour.", detectedSourceLang: "en")])))
        let pad = try XCTUnwrap(exported(s.press(.character("e"), .alt)))
        XCTAssertEqual(pad.name, "translations")
        XCTAssertTrue(pad.text.contains("| Good morning. | Bonjour. |"), pad.text)
    }
}
