// What can happen to the compare screen, and what it asks the runtime to do. The integrator wraps these in
// the app's Event/Effect.
import SynthKit

public enum CompareEvent: Sendable, Equatable {
    case key(KeyPress)
    /// The screen area the columns get changed size (columns wrap to their new width).
    case resize(Rect)

    // Editing the columns.
    case addColumn
    case duplicateColumn(index: Int)
    case removeColumn(index: Int)
    case focusColumn(index: Int)
    case setParameter(columnIndex: Int, spec: ParameterSpec, value: Double)
    case setEngine(columnIndex: Int, engine: EngineChoice, backend: String, price: TokenPrice?)
    case setPrompt(String)
    /// Fill the columns with a seed-locked sweep based on the focused column's variant.
    case applySweep(ParameterSweep)
    case toggleDivergenceMode
    case togglePager

    // Running.
    case runAll
    case cancelAll
    case promoteFocused

    // API answers, each for one column's request.
    case chunk(columnID: Int, requestID: Int, text: String)
    case finished(columnID: Int, requestID: Int, stats: CompletionStats)
    case failed(columnID: Int, requestID: Int, message: String, status: Int?)
    /// The column's request failed before any text and is about to be tried again.
    case retrying(columnID: Int, requestID: Int, note: String)
    /// A credits change the runtime could attribute to this request alone (negative = spent).
    case creditsMeasured(columnID: Int, requestID: Int, change: Double)
}

public enum CompareEffect: Sendable, Equatable {
    /// Start one column's completion; answer with `.chunk/.finished/.failed` carrying the same column and request id.
    case startCompletion(columnID: Int, CompletionSnapshot)
    case cancelRequest(id: Int)
    /// Make this variant the playground's backend, engine and parameters.
    case promoteToPlayground(CompareVariant)
    case refreshCredits
    /// Put text on the clipboard (the comparison as Markdown).
    case copyToClipboard(String)
}
