// The chat screen as one value: the conversation, the message being written, the system prompt, the sampling
// parameters and where the reply stands.
import SynthKit

/// One message of the conversation.
public struct ChatTurn: Sendable, Equatable, Codable {
    public enum Role: String, Sendable, Equatable, Codable {
        case user, assistant
    }
    public var role: Role
    public var text: String
    /// A reply cut short (cancelled, failed mid-stream, or saved while it streamed): kept, and marked.
    public var interrupted: Bool

    public init(_ role: Role, _ text: String, interrupted: Bool = false) {
        self.role = role
        self.text = text
        self.interrupted = interrupted
    }
}

/// The panes focus moves between, in Tab order.
public enum ChatFocus: Int, Sendable, CaseIterable, Codable {
    case composer, transcript, system, parameters
}

public struct ChatState: Sendable, Equatable {
    /// The area the screen draws in.
    public internal(set) var viewRect: Rect = .zero
    public var focus: ChatFocus = .composer

    public var turns: [ChatTurn] = []
    /// The message being written (or a turn being edited, see `editingTurn`).
    public var composer = PromptEditor(text: "")
    /// The turn whose text the composer holds while it is edited (Enter saves it, Esc leaves it as it was).
    public var editingTurn: Int?
    public var system = PromptEditor(text: "")
    public var parameterPane: ParameterPane

    // The transcript's view.
    /// The turn `e`, `r` and `y` act on.
    public var selectedTurn: Int?
    /// First transcript row shown; nil follows the end (the reply as it streams).
    public var scrollRow: Int?

    // The reply.
    public var phase: RequestPhase = .idle
    public var retryNote: String?
    public var stats: CompletionStats?
    public var nextRequestID: Int = 1
    public var notice: Notice?
    /// Ctrl-N was pressed once: a second press starts a new conversation.
    public var confirmingNew = false

    // Engine: the backend's chat engines, and the one this screen talks to.
    public var backendName: String
    public var engines: [EngineChoice]
    public var engineIndex: Int

    /// - Parameters:
    ///   - engines: the chat engines (what F4 cycles through); must not be empty.
    ///   - engine: the id to start with (falls back to the first).
    public init(backendName: String, engines: [EngineChoice], engine: String? = nil,
                parameters: ParameterValues = ParameterValues()) {
        self.backendName = backendName
        self.engines = engines.isEmpty ? EngineChoice.textSynthEngines : engines
        self.engineIndex = self.engines.firstIndex { $0.id == engine } ?? 0
        self.parameterPane = ParameterPane(values: parameters)
        parameterPane.unused = ["n": "one reply at a time here: Ctrl-R asks for another"]
    }

    public var engine: EngineChoice { engines[engineIndex] }

    public var isReplying: Bool { phase.isInFlight }

    /// Whether typed characters go into a text field now (then `?` is text, not help).
    public var takesTyping: Bool { focus == .composer || focus == .system || parameterPane.input != nil }

    /// The turns as the API takes them: alternating user/assistant texts, oldest first.
    var messages: [String] { turns.map(\.text) }
}

extension ChatState {
    /// What is saved: a reply still streaming is saved as cut short (a restart cannot finish it).
    var savedConversation: ModesSession.Chat {
        var saved = turns
        if isReplying, let last = saved.indices.last, saved[last].role == .assistant { saved[last].interrupted = true }
        return ModesSession.Chat(engine: engine.id, system: system.text, turns: saved,
                                 parameters: parameterPane.values.sampling)
    }
}
