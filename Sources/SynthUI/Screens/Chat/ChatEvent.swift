// What can happen to the chat screen, and what it asks the runtime to do.
import SynthKit

public enum ChatEvent: Sendable, Equatable {
    case key(KeyPress)
    case paste(String)
    case mouse(MouseEvent)
    case resize(Rect)
    /// Where the reply of request `requestID` stands.
    case chunk(requestID: Int, text: String)
    case finished(requestID: Int, stats: CompletionStats)
    case failed(requestID: Int, message: String, status: Int?)
    case retrying(requestID: Int, note: String)
    /// The tokenizer's ids for a word the parameters pane is biasing.
    case biasWordTokenized(String, tokens: [Int])
    case biasWordFailed(String, message: String)
    case setSystemPrompt(String)
    /// The backend's chat engines changed (its engine list arrived).
    case setEngines([EngineChoice])
}

public enum ChatEffect: Sendable, Equatable {
    /// Send the conversation (the snapshot's `chat`); its answers come back as events carrying the id.
    case startReply(CompletionSnapshot)
    case cancelRequest(id: Int)
    /// Find a word's token ids with this engine (answer: `.biasWordTokenized` / `.biasWordFailed`).
    case tokenize(word: String, engine: String)
    case copyToClipboard(String)
    /// The conversation or its settings changed: worth saving.
    case save
    case refreshCredits
}
