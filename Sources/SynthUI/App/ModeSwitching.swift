// Moving between the playground, the compare screen and the scratchpad, and the keys, pastes and clicks of the
// two other modes (the playground keeps its own in Update.swift).
import SynthKit

extension AppState {
    /// The screen area a mode draws in: everything above the shared status bar.
    public var modeRect: Rect {
        let bar = layout.statusBar
        return Rect(x: 0, y: 0, width: columns, height: bar.isEmpty ? rows : bar.y)
    }

    /// Anything running in any mode (the spinner turns, quitting asks first).
    public var isBusy: Bool {
        playground.phase.isInFlight || (compare?.isRunning ?? false) || translatePad.isTranslating
            || (chat?.isReplying ?? false) || image.isRunning
    }

    /// Switches to `target`; switching to the mode already shown returns to the playground.
    public mutating func toggleMode(_ target: AppMode) {
        switchMode(to: mode == target ? .playground : target)
    }

    /// Shows a mode. The compare screen is made from the playground's prompt and settings the first time; later
    /// it keeps its columns and takes the playground's current prompt (unless its columns are still running).
    public mutating func switchMode(to target: AppMode) {
        switch target {
        case .playground:
            break
        case .compare:
            ensureCompare()
            if compare?.isRunning == false { compare?.prompt = playground.editor.text }
        case .translate:
            // The few-shot column (F10) translates with the playground's engine and parameters as they are now.
            translatePad.completionVariant = CompareVariant(playground: playground, price: tokenPrice)
        case .chat:
            ensureChat()
        case .image, .history:
            break
        }
        mode = target
        resizeModes()
    }

    /// Starts with this prompt (a command-line argument) instead of the saved one; the compare screen takes it too.
    public mutating func replacePrompt(with text: String) {
        playground.editor.replaceAll(with: text)
        playground.revealPromptCursor()
        if compare?.isRunning == false { compare?.prompt = text }
    }

    /// The compare screen, made from the playground if it does not exist yet.
    mutating func ensureCompare() {
        guard compare == nil else { return }
        var made = CompareState(prompt: playground.editor.text, base: CompareVariant(playground: playground, price: tokenPrice), engines: engines,
                                firstRequestID: 1)
        _ = updateCompare(state: &made, event: .resize(modeRect))
        compare = made
    }

    /// Remembers the backend's price and gives it to the compare columns and the scratchpad on this backend that
    /// have none yet, so their credits show even for runs that finished before the price arrived.
    mutating func learnTokenPrice(_ price: TokenPrice) {
        tokenPrice = price
        compare?.learnPrice(price, backend: backendName)
        if translatePad.backend == backendName, translatePad.price == nil { translatePad.price = price }
    }

    /// Tells both modes the area they draw in (they wrap their text to it).
    mutating func resizeModes() {
        guard !layout.isTooSmall else { return }
        let rect = modeRect
        if var c = compare, c.viewRect != rect {
            compare = nil  // keep one copy of the columns' text while it rewraps
            _ = updateCompare(state: &c, event: .resize(rect))
            compare = c
        }
        if translatePad.viewRect != rect {
            _ = updateTranslatePad(state: &translatePad, event: .resize(rect))
        }
        if chat != nil, chat?.viewRect != rect { _ = updateChat(state: &chat!, event: .resize(rect)) }
        if image.viewRect != rect { _ = updateImageScreen(state: &image, event: .resize(rect)) }
        if history.viewRect != rect { _ = updateHistory(state: &history, event: .resize(rect)) }
    }

    /// Makes a compare column's backend, engine and parameters the playground's, and shows the playground.
    mutating func promote(_ variant: CompareVariant, effects: inout [Effect]) {
        playground.adopt(variant, column: compare.map { $0.focusedColumn + 1 }, effects: &effects)
        switchMode(to: .playground)
    }
}

extension AppState {
    /// The engines the chat screen offers: the backend's chat models, or every engine when none is known to be one
    /// (a self-hosted server naming its own).
    public var chatEngines: [EngineChoice] {
        let known = engines.filter { chatEngineIDs.contains($0.id) }
        return known.isEmpty ? engines : known
    }

    /// The chat screen, made the first time it opens: with the playground's engine when that is a chat model, and
    /// the playground's parameters as they are now.
    mutating func ensureChat() {
        guard chat == nil else { return }
        var made = ChatState(backendName: backendName, engines: chatEngines, engine: playground.engine.id,
                             parameters: playground.parameters)
        _ = updateChat(state: &made, event: .resize(modeRect))
        chat = made
    }
}

extension AppState {
    /// A history problem on the notice line of the screen shown (the playground's when that screen has none).
    mutating func showHistoryProblem(_ message: String) {
        let notice = Notice(message, isError: true)
        switch mode {
        case .translate: translatePad.notice = notice
        case .image: image.notice = notice
        case .history: history.notice = notice
        case .chat where chat != nil: chat?.notice = notice
        default: playground.parameterPane.notice = notice
        }
    }
}
