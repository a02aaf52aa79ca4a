// Keys of the compare screen: moving between columns, editing the focused column's variant, scrolling, running.
import SynthKit

extension CompareState {
    /// Lines of text the focused column shows at once.
    var pageHeight: Int {
        let layout = CompareLayout(area: viewRect, state: self)
        guard let frame = layout.columnFrames.indices.contains(focusedColumn) ? layout.columnFrames[focusedColumn] : nil
        else { return 1 }
        return max(1, CompareLayout.parts(of: frame).text.height)
    }

    mutating func handle(key: KeyPress, effects: inout [CompareEffect]) {
        notice = nil
        switch (key.key, key.modifiers) {
        case (.function(5), _), (.character("r"), .control): runAll(effects: &effects)
        case (.escape, _), (.character("c"), .control): cancelAll(effects: &effects)
        case (.left, _), (.character("h"), []): focus((focusedColumn + columns.count - 1) % columns.count)
        case (.right, _), (.character("l"), []), (.tab, _): focus((focusedColumn + 1) % columns.count)
        case (.character(let c), []) where c.isNumber:
            if let n = c.wholeNumberValue, n >= 1 { focus(n - 1) }
        case (.character("a"), []): addColumn()
        case (.character("d"), []): duplicateColumn(at: focusedColumn)
        case (.character("x"), []): removeColumnKeepingRequests(at: focusedColumn, effects: &effects)
        case (.character("["), []): selectParameter(by: -1)
        case (.character("]"), []): selectParameter(by: 1)
        case (.character("+"), []), (.character("="), []): nudgeSelectedParameter(by: 1)
        case (.character("-"), []): nudgeSelectedParameter(by: -1)
        case (.character("e"), []): cycleEngine(by: 1)
        case (.character("E"), []), (.character("e"), .shift): cycleEngine(by: -1)
        case (.character("p"), []):
            if let column = focused { effects.append(.promoteToPlayground(column.variant)) }
        case (.character("v"), []): toggleDivergenceMode()
        case (.character("t"), []): narrowMode = narrowMode == .pager ? .automatic : .pager; afterColumnCountChange()
        case (.up, _): scrollFocused(by: -1)
        case (.down, _): scrollFocused(by: 1)
        case (.pageUp, _): scrollFocused(by: -max(1, pageHeight - 1))
        case (.pageDown, _), (.character(" "), []): scrollFocused(by: max(1, pageHeight - 1))
        case (.home, _): withColumn(at: focusedColumn) { $0.scroll = 0 }
        case (.end, _): withColumn(at: focusedColumn) { $0.scroll = nil }
        default: break
        }
    }

    /// `v`: where columns part is marked against all of them, or each against the first; says which.
    mutating func toggleDivergenceMode() {
        divergenceAgainstFirst.toggle()
        notice = divergenceAgainstFirst
            ? "divergence: each column against column 1 (the reference)"
            : "divergence: where all columns part"
    }

    mutating func selectParameter(by delta: Int) {
        let all = ParameterSpec.all
        let i = all.firstIndex(of: selectedParameter) ?? 0
        selectedParameter = all[(i + delta + all.count) % all.count]
    }

    /// One fine step of the selected parameter in the focused column, kept inside the allowed range.
    mutating func nudgeSelectedParameter(by steps: Int) {
        let spec = selectedParameter
        withColumn(at: focusedColumn) { column in
            let now = column.variant.parameters.value(of: spec) ?? spec.defaultValue
            let next = ParameterSweep.clamp(now + Double(steps) * spec.fineStep, to: spec)
            // Round away floating-point dust (0.1 + 0.05 = 0.15000000000000002).
            column.variant.parameters.set(spec, to: (next * 1e6).rounded() / 1e6)
        }
    }

    /// The focused column's next engine among `engines` (same backend: the list is the backend's).
    mutating func cycleEngine(by delta: Int) {
        let all = engines
        guard all.count > 1 else {
            notice = "this backend offers one engine: \(all.first?.id ?? "none")"
            return
        }
        withColumn(at: focusedColumn) { column in
            let i = all.firstIndex(of: column.variant.engine) ?? 0
            column.variant.engine = all[(i + delta + all.count) % all.count]
        }
    }

    /// Scrolling up stops following the stream; reaching the end resumes it.
    mutating func scrollFocused(by delta: Int) {
        let page = pageHeight
        withColumn(at: focusedColumn) { column in
            let end = max(0, column.output.lines.count - page)
            let now = column.scroll ?? end
            let next = min(max(0, now + delta), end)
            column.scroll = next >= end ? nil : next
        }
    }
}
