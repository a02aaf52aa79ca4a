// What can happen to the translation scratchpad, and what it asks the runtime to do.
import SynthKit

public enum TranslateEvent: Sendable, Equatable {
    case key(KeyPress)
    case paste(String)
    case resize(Rect)

    case setSourceText(String)
    case setLanguage(LanguagePicker.Side, code: String)
    case setNumBeams(Int)
    case setSplitSentences(Bool)
    /// The backend changed: what it can translate, its engine, its price.
    case setBackend(name: String, engine: String, support: LanguageSupport, price: TokenPrice?)
    /// Turn the completion-model column on (with its variant, examples and K) or off (nil).
    case setLLM(LLMTranslation?)
    /// What the few-shot column (F10) translates with.
    case setCompletionVariant(CompareVariant)
    case setRoundTrip(Bool)

    case translate
    case swapDirection
    case copyAll
    case cancel

    // Answers.
    case translated(requestID: Int, answer: TranslateAnswer)
    case completionChunk(requestID: Int, text: String)
    case completionFinished(requestID: Int, stats: CompletionStats)
    case requestFailed(requestID: Int, message: String, status: Int?)
    /// A credits change the runtime measured for this request alone (negative = spent).
    case creditsMeasured(requestID: Int, change: Double)
}

public enum TranslateEffect: Sendable, Equatable {
    /// Send one batch to `engine` on `backend`; answer with `.translated` or `.requestFailed` carrying the id.
    case translate(requestID: Int, backend: String, engine: String, request: TranslateRequest)
    /// One few-shot completion (stop at "\n"); answer with `.completionChunk/.completionFinished/.requestFailed`.
    case startCompletion(CompletionSnapshot)
    case cancelRequest(id: Int)
    case copyToClipboard(String)
    case refreshCredits
}
