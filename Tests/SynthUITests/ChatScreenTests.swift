import XCTest
import SynthKit
@testable import SynthUI

/// The chat screen (Alt-4): a conversation sent to the chat endpoint, streamed back, edited, regenerated, cancelled.
final class ChatScreenTests: XCTestCase {
    /// The playground on the cloud's catalogue, switched to the chat screen.
    func chatScreen(columns: Int = 100, rows: Int = 30) -> AppState {
        var s = AppState.sample(columns: columns, rows: rows)
        s.chatEngineIDs = ["llama3.1_8B_instruct", "gemma3_27B_it"]
        s.press(.character("4"), .alt)
        return s
    }

    /// The snapshot of the reply a send started.
    func startedReply(_ effects: [Effect], file: StaticString = #filePath, line: UInt = #line)
        -> (RequestKey, CompletionSnapshot)? {
        for case .startCompletion(let key, let snapshot) in effects { return (key, snapshot) }
        XCTFail("no reply was started: \(effects)", file: file, line: line)
        return nil
    }

    @discardableResult
    func say(_ text: String, in s: inout AppState) -> (RequestKey, CompletionSnapshot)? {
        s.type(text)
        return startedReply(s.press(.enter))
    }

    func reply(_ key: RequestKey, _ text: String, in s: inout AppState) {
        s.send(.streamChunk(request: key, index: 0, text: text))
        s.send(.streamFinished(request: key, stats: CompletionStats(inputTokens: 20, outputTokens: 5,
                                                                     finishReason: "stop")))
    }

    func testAlt4OpensTheChatFromEveryScreenAndEscReturns() {
        for screen in [AppMode.playground, .compare, .translate] {
            var s = AppState.sample()
            s.switchMode(to: screen)
            s.press(.character("4"), .alt)
            XCTAssertEqual(s.mode, .chat, "from \(screen)")
            XCTAssertTrue(s.screen.contains("Chat ·"))
            s.press(.escape)
            XCTAssertEqual(s.mode, .playground)
        }
    }

    func testTheChatStartsOnAChatEngineWithThePlaygroundsParameters() {
        var s = AppState.sample()
        s.parameters.sampling.temperature = 0.3
        s.chatEngineIDs = ["llama3.1_8B_instruct", "gemma3_27B_it"]
        s.press(.character("4"), .alt)
        XCTAssertEqual(s.chat?.engine.id, "llama3.1_8B_instruct", "gptj_6B is not a chat model")
        XCTAssertEqual(s.chat?.engines.map(\.id), ["llama3.1_8B_instruct", "gemma3_27B_it"])
        XCTAssertEqual(s.chat?.parameterPane.values.sampling.temperature, 0.3)
        s.press(.function(4))
        XCTAssertEqual(s.chat?.engine.id, "gemma3_27B_it")
    }

    func testASentMessageGoesToTheChatEndpointWithTheSystemPromptAndStreamsBack() throws {
        var s = chatScreen()
        s.send(.chat(.setSystemPrompt("Answer in French.")))
        let (key, snapshot) = try XCTUnwrap(say("Hello there", in: &s))
        XCTAssertEqual(key, .chat(1))
        XCTAssertEqual(snapshot.chat, ChatMessages(messages: ["Hello there"], system: "Answer in French."))
        XCTAssertEqual(snapshot.engine, "llama3.1_8B_instruct")
        XCTAssertEqual(snapshot.parameters.n, 1, "one reply")
        XCTAssertEqual(s.chat?.composer.text, "", "the message left the composer")
        XCTAssertTrue(s.screen.contains("waiting"))
        s.send(.streamChunk(request: key, index: 0, text: "Bonjour"))
        s.send(.streamChunk(request: key, index: 0, text: " !"))
        XCTAssertTrue(s.screen.contains("replying"))
        s.send(.streamFinished(request: key, stats: CompletionStats(inputTokens: 12, outputTokens: 3, finishReason: "stop")))
        XCTAssertEqual(s.chat?.turns, [ChatTurn(.user, "Hello there"), ChatTurn(.assistant, "Bonjour !")])
        XCTAssertTrue(s.screen.contains("in 12 out 3 · stop"))

        // The next message carries the whole conversation.
        let (second, next) = try XCTUnwrap(say("And goodbye?", in: &s))
        XCTAssertEqual(second, .chat(2))
        XCTAssertEqual(next.chat?.messages, ["Hello there", "Bonjour !", "And goodbye?"])
    }

    func testEnterSendsAndAltEnterIsANewLine() throws {
        var s = chatScreen()
        s.type("line one")
        s.press(.enter, .alt)
        s.type("line two")
        XCTAssertEqual(s.chat?.composer.text, "line one\nline two")
        let (_, snapshot) = try XCTUnwrap(startedReply(s.press(.enter)))
        XCTAssertEqual(snapshot.chat?.messages, ["line one\nline two"])
    }

    func testCancellingKeepsThePartialReplyMarked() throws {
        var s = chatScreen()
        let (key, _) = try XCTUnwrap(say("Tell me a story", in: &s))
        s.send(.streamChunk(request: key, index: 0, text: "Once upon a"))
        let effects = s.press(.escape)
        XCTAssertTrue(effects.contains(.cancelRequest(key)))
        XCTAssertEqual(s.mode, .chat, "Esc stopped the reply; it did not leave the screen")
        XCTAssertEqual(s.chat?.turns.last, ChatTurn(.assistant, "Once upon a", interrupted: true))
        XCTAssertTrue(s.screen.contains("Assistant · cut short"))
        // A late piece of the cancelled reply changes nothing.
        s.send(.streamChunk(request: key, index: 0, text: " time"))
        XCTAssertEqual(s.chat?.turns.last?.text, "Once upon a")
    }

    func testAFailureShowsStatusAndMessageAndLosesNothing() throws {
        var s = chatScreen()
        let (key, _) = try XCTUnwrap(say("Hi", in: &s))
        s.send(.requestFailed(request: key, message: "engine is overloaded", status: 429))
        XCTAssertEqual(s.chat?.turns, [ChatTurn(.user, "Hi")], "the reply never began: the message stays last")
        XCTAssertTrue(s.screen.contains("429 rate limited: engine is overloaded"), s.screen)
        // A second message cannot follow an unanswered one: refused, the text kept.
        s.press(.escape)
        s.type("Hello?")
        XCTAssertTrue(s.press(.enter).isEmpty)
        XCTAssertEqual(s.chat?.composer.text, "Hello?")
        XCTAssertTrue(s.screen.contains("no reply yet"))
        // Ctrl-R asks again.
        let (_, again) = try XCTUnwrap(startedReply(s.ctrl("r")))
        XCTAssertEqual(again.chat?.messages, ["Hi"])
    }

    func testEmptyMessagesAndBoosteAreRefusedBeforeTheNetwork() {
        var s = chatScreen()
        s.type("   ")
        XCTAssertTrue(s.press(.enter).isEmpty)
        XCTAssertTrue(s.screen.contains("The message is empty"))

        var b = AppState(backendName: "booste", engines: EngineChoice.boosteEngines)
        b.press(.character("4"), .alt)
        b.type("Hi")
        XCTAssertTrue(b.press(.enter).isEmpty)
        XCTAssertTrue(b.screen.contains("Booste has no chat endpoint"), b.screen)
        XCTAssertEqual(b.chat?.composer.text, "Hi", "the message is kept")
        XCTAssertEqual(b.chat?.turns, [])
    }

    func testAnInvalidParameterIsRefusedWithItsRange() {
        var s = chatScreen()
        s.chat?.parameterPane.values.sampling.topP = 3
        s.type("Hi")
        XCTAssertTrue(s.press(.enter).isEmpty)
        XCTAssertTrue(s.screen.contains("top_p"), s.screen)
        XCTAssertEqual(s.chat?.composer.text, "Hi")
    }

    func testEditingAUserMessageRedoesTheConversationFromThere() throws {
        var s = chatScreen()
        let (k1, _) = try XCTUnwrap(say("What is 2+2?", in: &s))
        reply(k1, "5", in: &s)
        let (k2, _) = try XCTUnwrap(say("Are you sure?", in: &s))
        reply(k2, "Yes.", in: &s)
        s.press(.tab)  // the conversation
        XCTAssertEqual(s.chat?.focus, .transcript)
        XCTAssertEqual(s.chat?.selectedTurn, 3)
        s.press(.up)
        s.press(.up)
        s.press(.up)
        XCTAssertEqual(s.chat?.selectedTurn, 0)
        s.press(.character("e"))
        XCTAssertEqual(s.chat?.focus, .composer)
        XCTAssertEqual(s.chat?.composer.text, "What is 2+2?")
        XCTAssertTrue(s.screen.contains("Editing your message 1"))
        s.ctrl("a")
        s.type("What is 3+3?")
        let (_, snapshot) = try XCTUnwrap(startedReply(s.press(.enter)))
        XCTAssertEqual(snapshot.chat?.messages, ["What is 3+3?"], "what followed the edited message is redone")
        XCTAssertEqual(s.chat?.turns.map(\.text), ["What is 3+3?", ""])
    }

    func testEditingAReplyCorrectsItWithoutARequest() throws {
        var s = chatScreen()
        let (k1, _) = try XCTUnwrap(say("Capital of France?", in: &s))
        reply(k1, "Lyon", in: &s)
        s.press(.tab)
        s.press(.character("e"))
        s.ctrl("a")
        s.type("Paris")
        XCTAssertFalse(s.press(.enter).contains { if case .startCompletion = $0 { true } else { false } })
        XCTAssertEqual(s.chat?.turns, [ChatTurn(.user, "Capital of France?"), ChatTurn(.assistant, "Paris")])
        // Esc while editing leaves the turn as it was.
        s.press(.tab)  // back to the conversation, the reply still chosen
        s.press(.up)
        s.press(.character("e"))
        s.type(" and more")
        s.press(.escape)
        XCTAssertEqual(s.chat?.turns[0].text, "Capital of France?")
        XCTAssertEqual(s.chat?.composer.text, "")
        XCTAssertEqual(s.mode, .chat)
    }

    func testRegenerateAnyReply() throws {
        var s = chatScreen()
        let (k1, _) = try XCTUnwrap(say("One", in: &s))
        reply(k1, "Uno", in: &s)
        let (k2, _) = try XCTUnwrap(say("Two", in: &s))
        reply(k2, "Dos", in: &s)
        s.press(.tab)
        s.press(.up); s.press(.up)  // the first reply
        XCTAssertEqual(s.chat?.selectedTurn, 1)
        let (_, again) = try XCTUnwrap(startedReply(s.press(.character("r"))))
        XCTAssertEqual(again.chat?.messages, ["One"])
        XCTAssertEqual(s.chat?.turns.map(\.text), ["One", ""])
    }

    func testNewConversationNeedsASecondPress() {
        var s = chatScreen()
        _ = say("Hi", in: &s)
        reply(.chat(1), "Hello", in: &s)
        s.ctrl("n")
        XCTAssertEqual(s.chat?.turns.count, 2, "one press only asks")
        XCTAssertTrue(s.screen.contains("Ctrl-N again"))
        s.ctrl("n")
        XCTAssertEqual(s.chat?.turns, [])
    }

    func testCopyTheConversationAsMarkdown() {
        var s = chatScreen()
        s.send(.chat(.setSystemPrompt("Be brief.")))
        _ = say("Hi", in: &s)
        reply(.chat(1), "Hello!", in: &s)
        let effects = s.ctrl("o")
        XCTAssertTrue(effects.contains(.copyToClipboard(
            "# Chat with llama3.1_8B_instruct\n\n**System:** Be brief.\n\n## You\n\nHi\n\n## Assistant\n\nHello!\n")),
            "\(effects)")
    }

    func testTheConversationIsSavedAndComesBack() throws {
        var s = chatScreen()
        s.send(.chat(.setSystemPrompt("Be brief.")))
        let (k1, _) = try XCTUnwrap(say("Hi", in: &s))
        let saving = s.send(.streamChunk(request: k1, index: 0, text: "Hel"))
        _ = saving
        // Saved while the reply streams: it comes back cut short.
        let saved = s.modesSession
        let data = try JSONEncoder().encode(saved)
        let decoded = try JSONDecoder().decode(ModesSession.self, from: data)
        var restored = AppState.sample(columns: 100, rows: 30)
        restored.chatEngineIDs = ["llama3.1_8B_instruct", "gemma3_27B_it"]
        restored.restore(decoded)
        restored.press(.character("4"), .alt)
        XCTAssertEqual(restored.chat?.turns, [ChatTurn(.user, "Hi"), ChatTurn(.assistant, "Hel", interrupted: true)])
        XCTAssertEqual(restored.chat?.system.text, "Be brief.")
        XCTAssertTrue(restored.screen.contains("cut short"))
        // A finished reply asks for a save.
        let finished = s.send(.streamFinished(request: k1, stats: CompletionStats()))
        XCTAssertTrue(finished.contains { if case .saveSession = $0 { true } else { false } })
    }

    func testSessionsFromBeforeTheChatStillLoad() throws {
        let old = #"{"version":1,"pad":{"text":"","sourceLang":"auto","targetLang":"fr","numBeams":4,"splitSentences":true,"roundTrip":false}}"#
        let decoded = try JSONDecoder().decode(ModesSession.self, from: Data(old.utf8))
        XCTAssertNil(decoded.chat)
    }

    func testParametersAreTheSharedPane() {
        var s = chatScreen()
        s.press(.tab); s.press(.tab); s.press(.tab)
        XCTAssertEqual(s.chat?.focus, .parameters)
        s.press(.down)  // temperature
        s.press(.right)
        XCTAssertEqual(s.chat?.parameterPane.values.sampling.temperature ?? 0, 1.05, accuracy: 1e-9)
        XCTAssertEqual(s.parameters.sampling.temperature, 1.0, "the playground's own are untouched")
        s.type("5")  // starts typing a value
        XCTAssertTrue(s.screen.contains("Temperature"))
    }

    func testAQuestionMarkInTheMessageIsText() {
        var s = chatScreen()
        s.type("Why?")
        XCTAssertFalse(s.showHelp)
        XCTAssertEqual(s.chat?.composer.text, "Why?")
    }

    func testGolden100x30() throws {
        var s = chatScreen()
        s.send(.chat(.setSystemPrompt("You are a patient maths tutor.")))
        let (k1, _) = try XCTUnwrap(say("What is a prime number?", in: &s))
        s.send(.streamChunk(request: k1, index: 0, text: "A prime number is a whole number greater than 1 whose only "
                            + "divisors are 1 and itself: 2, 3, 5, 7, 11…"))
        s.send(.streamFinished(request: k1, stats: CompletionStats(inputTokens: 31, outputTokens: 29, finishReason: "stop")))
        let (k2, _) = try XCTUnwrap(say("Is 1 prime? 素数?", in: &s))
        s.send(.streamChunk(request: k2, index: 0, text: "No: 1 has only one divisor"))
        s.press(.escape)
        GoldenFile.assertMatches(render(s), named: "chat-100x30")
    }

    func testGoldenNarrow60x20() throws {
        var s = chatScreen(columns: 60, rows: 20)
        let (k1, _) = try XCTUnwrap(say("Hello", in: &s))
        s.send(.streamChunk(request: k1, index: 0, text: "Hi! How can I help you today?"))
        GoldenFile.assertMatches(render(s), named: "chat-narrow-60x20")
    }
}
