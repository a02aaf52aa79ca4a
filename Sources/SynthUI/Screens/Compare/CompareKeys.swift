// Keys of the compare screen: moving between columns, editing the focused column's variant, scrolling, running.
import SynthKit

/// What a compare key does.
public enum CompareAction: Sendable, Equatable {
    case runAll, cancelAll, focusColumn, add, duplicate, remove, selectParameter, nudge, engine, promote, divergence
    case pager, scroll, scrollEnds, sweep, copyMarkdown
    // Typing a sweep.
    case sweepApply, sweepCancel, sweepEdit
}

extension CompareState {
    /// Lines of text the focused column shows at once.
    var pageHeight: Int {
        let layout = CompareLayout(area: viewRect, state: self)
        guard let frame = layout.columnFrames.indices.contains(focusedColumn) ? layout.columnFrames[focusedColumn] : nil
        else { return 1 }
        return max(1, CompareLayout.parts(of: frame).text.height)
    }

    /// The compare screen's keys: dispatch and help read this one table.
    public static let keys = KeyTable<CompareAction, CompareState>("Compare", [
        KeyBinding([.exactly(KeyPress(.function(5))), .exactly(.ctrl("r"))], keys: "F5, Ctrl-R", help: "run every column",
                   hint: "F5 run", .runAll, when: { !$0.isRunning }),
        KeyBinding([.exactly(KeyPress(.escape)), .exactly(.ctrl("c"))], keys: "Esc, Ctrl-C", help: "cancel; idle: back",
                   hint: "Esc cancel", .cancelAll, when: { $0.isRunning }),
        // Idle, Esc returns to the playground (the app does that before the key reaches this screen).
        KeyBinding([.exactly(KeyPress(.escape)), .exactly(.ctrl("c"))], keys: "Esc", help: "back", hint: "Esc back",
                   .cancelAll, listed: false, when: { !$0.isRunning }),
        KeyBinding([.exactly(KeyPress(.left)), .exactly(KeyPress(.right)), .exactly(.char("h")), .exactly(.char("l")),
                    .anyModifiers(.tab), .digit], keys: "←→ h l Tab 1-9", help: "choose a column", hint: "←→ column",
                   .focusColumn),
        KeyBinding([.exactly(.char("a"))], keys: "a", help: "add a column", .add),
        KeyBinding([.exactly(.char("d"))], keys: "d", help: "copy the column", .duplicate),
        KeyBinding([.exactly(.char("x"))], keys: "x", help: "remove the column", .remove),
        KeyBinding([.exactly(.char("[")), .exactly(.char("]"))], keys: "[ ]", help: "choose a parameter",
                   hint: "[] param", .selectParameter),
        KeyBinding([.exactly(.char("+")), .exactly(.char("=")), .exactly(.char("-"))], keys: "+ / -", help: "change it",
                   hint: "+- set", .nudge),
        KeyBinding([.exactly(.char("e")), .exactly(.char("E")), .exactly(KeyPress(.character("e"), .shift))],
                   keys: "e, E", help: "next/previous engine", hint: "e engine", .engine),
        KeyBinding([.exactly(.char("p"))], keys: "p", help: "send to playground", hint: "p promote", .promote),
        KeyBinding([.exactly(.char("s"))], keys: "s", help: "sweep a parameter", hint: "s sweep", .sweep,
                   when: { !$0.isRunning }),
        KeyBinding([.exactly(.char("v"))], keys: "v", help: "divergence vs first", .divergence),
        KeyBinding([.exactly(.char("y"))], keys: "y", help: "copy as Markdown", .copyMarkdown),
        KeyBinding([.exactly(.char("t"))], keys: "t", help: "pager on / off", .pager),
        KeyBinding([.exactly(KeyPress(.up)), .exactly(KeyPress(.down)), .exactly(KeyPress(.pageUp)),
                    .exactly(KeyPress(.pageDown)), .exactly(.char(" "))], keys: "↑↓ PgUp/PgDn ␣",
                   help: "scroll the column", .scroll),
        KeyBinding([.exactly(KeyPress(.home)), .exactly(KeyPress(.end))], keys: "Home / End", help: "top / follow",
                   .scrollEnds),
    ], notes: [HelpLine("Mouse", "click column, wheel")])

    /// While a sweep is typed: Enter applies it, Esc closes, the rest edits the line.
    public static let sweepKeys = KeyTable<CompareAction, CompareState>("Typing a sweep", [
        KeyBinding([.exactly(KeyPress(.enter))], keys: "Enter", help: "apply (seed locked)", .sweepApply),
        KeyBinding([.exactly(KeyPress(.escape))], keys: "Esc", help: "cancel", .sweepCancel),
        KeyBinding([.anyModifiers(.left), .anyModifiers(.right), .anyModifiers(.home), .anyModifiers(.end),
                    .anyModifiers(.backspace), .anyModifiers(.delete), .typing], keys: "text keys",
                   help: "t=0.2,0.7 or top_k=10..50", .sweepEdit),
    ])

    mutating func handle(key: KeyPress, effects: inout [CompareEffect]) {
        if sweepInput != nil {
            if let action = Self.sweepKeys.action(for: key, in: self) { handleSweepInput(action, key: key, effects: &effects) }
            return
        }
        notice = nil
        guard let action = Self.keys.action(for: key, in: self) else { return }
        switch (action, key.key) {
        case (.runAll, _): runAll(effects: &effects)
        case (.cancelAll, _): cancelAll(effects: &effects)
        case (.focusColumn, .left), (.focusColumn, .character("h")):
            focus((focusedColumn + columns.count - 1) % columns.count)
        case (.focusColumn, .character(let c)) where c.isNumber:
            if let n = c.wholeNumberValue, n >= 1 { focus(n - 1) }
        case (.focusColumn, _): focus((focusedColumn + 1) % columns.count)
        case (.add, _): addColumn()
        case (.duplicate, _): duplicateColumn(at: focusedColumn)
        case (.remove, _): removeColumnKeepingRequests(at: focusedColumn, effects: &effects)
        case (.selectParameter, let k): selectParameter(by: k == .character("[") ? -1 : 1)
        case (.nudge, let k): nudgeSelectedParameter(by: k == .character("-") ? -1 : 1)
        case (.engine, let k): cycleEngine(by: k == .character("e") && !key.shift ? 1 : -1)
        case (.promote, _): if let column = focused { effects.append(.promoteToPlayground(column.variant)) }
        case (.divergence, _): toggleDivergenceMode()
        case (.pager, _): narrowMode = narrowMode == .pager ? .automatic : .pager; afterColumnCountChange()
        case (.scroll, .up): scrollFocused(by: -1)
        case (.scroll, .down): scrollFocused(by: 1)
        case (.scroll, .pageUp): scrollFocused(by: -max(1, pageHeight - 1))
        case (.scroll, _): scrollFocused(by: max(1, pageHeight - 1))
        case (.scrollEnds, .home): withColumn(at: focusedColumn) { $0.scroll = 0 }
        case (.scrollEnds, _): withColumn(at: focusedColumn) { $0.scroll = nil }
        case (.sweep, _):
            sweepInput = PromptEditor(text: "\(selectedParameter.wireName)=")
            notice = "sweep: name=v1,v2,… or name=from..to over the columns; Enter applies, seed locked"
        case (.copyMarkdown, _):
            effects.append(.copyToClipboard(CompareExport.markdown(self)))
            notice = "copied the comparison as Markdown"
        case (.sweepApply, _), (.sweepCancel, _), (.sweepEdit, _):
            break
        }
    }

    mutating func handleSweepInput(_ action: CompareAction, key: KeyPress, effects: inout [CompareEffect]) {
        guard var input = sweepInput else { return }
        switch action {
        case .sweepCancel:
            sweepInput = nil
            notice = nil
        case .sweepApply:
            let seed = focused?.variant.parameters.seed ?? 0
            switch ParameterSweep.parse(input.text, columns: columns.count, seed: seed) {
            case .success(let sweep):
                sweepInput = nil
                apply(sweep, effects: &effects)
                let shown = sweep.values.map { formatParameter($0, integer: sweep.spec.isInteger) }
                notice = "sweep \(sweep.spec.wireName): \(shown.joined(separator: ", ")) · seed \(sweep.lockedSeed) · F5 runs"
            case .failure(let error):
                notice = error.description  // the line stays open to fix
            }
        default:
            let edit: EditAction
            switch key.key {
            case .backspace: edit = .deleteBackward
            case .delete: edit = .deleteForward
            case .character: edit = .type
            default: edit = .move
            }
            input.apply(edit, key: key, width: 1000, page: 1)
            sweepInput = input
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

    /// The focused column's next engine among `engines` (the main backend's, then those of `--with` backends).
    mutating func cycleEngine(by delta: Int) {
        let all = engines
        guard all.count > 1 else {
            notice = "this backend offers one engine: \(all.first?.id ?? "none")"
            return
        }
        withColumn(at: focusedColumn) { column in
            let i = all.firstIndex(of: column.variant.engine) ?? 0
            let next = all[(i + delta + all.count) % all.count]
            // Another backend's tokens cost what it says, not the main backend's price.
            if next.backend != column.variant.engine.backend { column.variant.price = nil }
            column.variant.engine = next
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
