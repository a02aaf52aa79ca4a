// What `update` asks the runtime to do. Effects are data: the runtime performs them, then posts events back.
import Foundation
import SynthKit

/// Which kind of API an engine is reached through.
public enum EngineFamily: String, Sendable, Hashable, Codable {
    /// TextSynth (the cloud, a self-hosted ts_server, or the local engine server).
    case textSynth
    /// Booste GPT-2: words instead of tokens, only length, temperature and window.
    case booste
}

/// Everything needed to start one completion, frozen when the user pressed Run.
public struct CompletionSnapshot: Sendable, Equatable {
    /// Matches the API events of this request.
    public var id: Int
    public var backend: String
    public var engine: String
    public var family: EngineFamily
    public var prompt: String
    public var parameters: SamplingParameters
    /// Booste's own parameters (length in words, temperature, window); nil for TextSynth.
    public var booste: BoosteParameters?
    /// A conversation for the chat endpoint instead of `prompt` for completions (the chat screen's).
    public var chat: ChatMessages?

    public init(id: Int, backend: String, engine: String, family: EngineFamily, prompt: String,
                parameters: SamplingParameters, booste: BoosteParameters? = nil) {
        self.id = id
        self.backend = backend
        self.engine = engine
        self.family = family
        self.prompt = prompt
        self.parameters = parameters
        self.booste = booste
    }
}

/// What the chat endpoint takes besides the sampling parameters: alternating user/assistant texts ending with the
/// user's, and the system prompt.
public struct ChatMessages: Sendable, Equatable {
    public var messages: [String]
    public var system: String?
    public init(messages: [String], system: String?) {
        self.messages = messages
        self.system = system
    }
}

public enum Effect: Sendable, Equatable {
    /// Start a completion; its answers come back as events carrying `request`.
    case startCompletion(RequestKey, CompletionSnapshot)
    /// Abort this request (its remaining events would be dropped anyway).
    case cancelRequest(RequestKey)
    /// Tokenize text with the current engine; answer with `.tokenized` or `.tokenizeFailed` carrying the same purpose.
    case tokenize(text: String, engine: String, purpose: TokenizePurpose)
    case refreshCredits
    /// Write the session atomically (see `SessionFile.save`).
    case saveSession(Session)
    /// Suspend the screen, edit this text in $EDITOR, answer with `.editorFinished`.
    case openEditor(String)
    case quit
    /// Post `.tick(now:)` after this many seconds.
    case scheduleTick(after: Double)
    /// Send one translation batch (the scratchpad); answer with `.translated` or `.requestFailed` carrying the id.
    case translate(RequestKey, engine: String, TranslateRequest)
    /// text_to_image (with the JPEG at `startImage`, if any, read and checked by the runtime); the images are saved in
    /// `directory` and answered with `.imagesSaved`, a failure with `.requestFailed`, both carrying the key.
    case generateImages(RequestKey, engine: String, TextToImageRequest, startImage: String?, directory: String)
    /// Put text on the clipboard (the terminal's, through OSC 52, where it has one).
    case copyToClipboard(String)
    /// Save an export (`name-date.ext` in the exports folder); answer `.exported(path)` or `.exportFailed`.
    case exportFile(name: String, fileExtension: String, contents: Data)
    /// Write this preset's file (answer: `.presetsListed` with every preset, or `.presetFailed`).
    case savePreset(Preset)
    /// Put this request, as the curl command that sends it to its backend, on the clipboard.
    case copyRequestAsCurl(CompletionSnapshot)
    /// Ask `/logprob` how likely `request.continuation` is after `request.context` on this backend's engine; the
    /// answer comes back as `.continuationScored`, a failure as `.requestFailed`.
    case scoreContinuation(RequestKey, backend: String, engine: String, LogprobRequest)
    /// Find runs in the history; answer `.history(.listed)` with the same serial, or `.history(.failed)`.
    case queryHistory(serial: Int, HistoryQuery)
    /// Star or unstar a logged run; answer `.history(.starred)` or `.history(.failed)`.
    case starRun(id: Int64, starred: Bool)
    /// Delete a logged run; answer `.history(.deleted)` or `.history(.failed)`.
    case deleteRun(id: Int64)
}
