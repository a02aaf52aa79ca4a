// The compare screen's update: one event in, effects out. Pure, like the playground's.
import SynthKit

/// Applies one event to the compare state and returns what the runtime should do.
public func updateCompare(state: inout CompareState, event: CompareEvent) -> [CompareEffect] {
    var effects: [CompareEffect] = []
    switch event {
    case .key(let key): state.handle(key: key, effects: &effects)
    case .resize(let rect): state.resize(to: rect)
    case .addColumn: state.addColumn()
    case .duplicateColumn(let index): state.duplicateColumn(at: index)
    case .removeColumn(let index): state.removeColumnKeepingRequests(at: index, effects: &effects)
    case .focusColumn(let index): state.focus(index)
    case .setParameter(let index, let spec, let value):
        state.withColumn(at: index) { $0.variant.parameters.set(spec, to: value) }
    case .setEngine(let index, let engine, let backend, let price):
        state.withColumn(at: index) {
            $0.variant.engine = engine
            $0.variant.backend = backend
            $0.variant.price = price
        }
    case .setPrompt(let prompt): state.prompt = prompt
    case .applySweep(let sweep): state.apply(sweep, effects: &effects)
    case .toggleDivergenceMode: state.toggleDivergenceMode()
    case .togglePager: state.narrowMode = state.narrowMode == .pager ? .automatic : .pager
    case .runAll: state.runAll(effects: &effects)
    case .cancelAll: state.cancelAll(effects: &effects)
    case .promoteFocused:
        if let column = state.focused { effects.append(.promoteToPlayground(column.variant)) }
    case .chunk(let columnID, let requestID, let text): state.append(text, columnID: columnID, requestID: requestID)
    case .retrying(let columnID, let requestID, let note):
        state.withColumn(id: columnID) { column in
            if column.phase.requestID == requestID { column.retryNote = note }
        }
    case .finished(let columnID, let requestID, let stats):
        state.finish(columnID: columnID, requestID: requestID, effects: &effects) { column in
            column.phase = .finished
            column.stats = stats
        }
    case .failed(let columnID, let requestID, let message, let status):
        state.finish(columnID: columnID, requestID: requestID, effects: &effects) { column in
            column.phase = .failed(message: message, status: status)
        }
    case .creditsMeasured(let columnID, let requestID, let change):
        // Arrives after the stream ended, so it is matched against the column's last request, not its phase.
        state.withColumn(id: columnID) { column in
            if column.lastRequestID == requestID { column.measuredCredits = change }
        }
    }
    state.refreshDivergence()
    return effects
}

extension CompareState {
    /// Seconds-free bookkeeping: the view rectangle decides wrap width and page height.
    mutating func resize(to rect: Rect) {
        viewRect = rect
        rewrap(width: CompareLayout(area: rect, state: self).wrapWidth)
    }

    mutating func focus(_ index: Int) {
        guard columns.indices.contains(index) else { return }
        focusedColumn = index
    }

    mutating func addColumn() {
        let base = focused?.variant ?? columns[0].variant
        if appendColumn(base) { focusedColumn = columns.count - 1; afterColumnCountChange() }
    }

    mutating func duplicateColumn(at index: Int) {
        guard columns.indices.contains(index) else { return }
        if appendColumn(columns[index].variant) { focusedColumn = columns.count - 1; afterColumnCountChange() }
    }

    mutating func removeColumnKeepingRequests(at index: Int, effects: inout [CompareEffect]) {
        guard columns.indices.contains(index) else { return }
        let running = columns[index].phase.requestID
        if removeColumn(at: index) {
            if let running { effects.append(.cancelRequest(id: running)) }
            afterColumnCountChange()
        }
    }

    /// A different count changes every column's width.
    mutating func afterColumnCountChange() {
        if viewRect != .zero { resize(to: viewRect) }
    }

    mutating func apply(_ sweep: ParameterSweep, effects: inout [CompareEffect]) {
        let base = focused?.variant ?? columns[0].variant
        cancelAll(effects: &effects)
        replaceColumns(with: sweep.variants(from: base))
        self.sweep = sweep
        selectedParameter = sweep.spec
        afterColumnCountChange()
    }

    // MARK: Running

    mutating func runAll(effects: inout [CompareEffect]) {
        guard !isRunning else { return }
        notice = nil
        for i in columns.indices {
            let variant = columns[i].variant
            columns[i].output = OutputDocument(promptTail: "", width: wrapWidth)
            columns[i].stats = nil
            columns[i].measuredCredits = nil
            columns[i].scroll = nil
            do {
                try variant.validate(prompt: prompt)
            } catch {
                // This column's parameters do not suit its engine: it alone shows the error, the rest still run.
                columns[i].phase = .failed(message: error.description, status: nil)
                continue
            }
            let id = nextRequestID
            nextRequestID += 1
            columns[i].phase = .waiting(requestID: id)
            columns[i].lastRequestID = id
            effects.append(.startCompletion(columnID: columns[i].id, variant.snapshot(id: id, prompt: prompt)))
        }
    }

    mutating func cancelAll(effects: inout [CompareEffect]) {
        var cancelled = false
        for i in columns.indices {
            if let id = columns[i].phase.requestID {
                effects.append(.cancelRequest(id: id))
                columns[i].phase = .cancelled
                cancelled = true
            }
        }
        if cancelled { effects.append(.refreshCredits) }
    }

    mutating func append(_ text: String, columnID: Int, requestID: Int) {
        withColumn(id: columnID) { column in
            guard column.phase.requestID == requestID else { return }  // cancelled or replaced
            column.phase = .streaming(requestID: requestID)
            column.retryNote = nil
            column.output.append(text)
        }
    }

    mutating func finish(columnID: Int, requestID: Int, effects: inout [CompareEffect],
                         _ change: (inout CompareColumn) -> Void) {
        var matched = false
        withColumn(id: columnID) { column in
            guard column.phase.requestID == requestID else { return }
            change(&column)
            column.retryNote = nil
            matched = true
        }
        if matched, !isRunning { effects.append(.refreshCredits) }
    }
}
