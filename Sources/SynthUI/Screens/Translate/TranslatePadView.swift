// The scratchpad on screen: settings line, aligned panes (source, translation, LLM, round trip), status line,
// and the language picker over them when open.
import Foundation
import SynthKit

/// Draws the scratchpad into `rect` of `grid`. Pure: the theme colours the roles when the grid is painted.
public func renderTranslatePad(_ state: TranslatePadState, in rect: Rect, into grid: inout CellGrid) {
    grid.fill(rect, style: .plain)
    var state = state
    state.viewRect = rect
    let layout = state.layout
    TranslatePadView.drawHeader(state, in: layout.header, into: &grid)
    TranslatePadView.drawPanes(state, layout: layout, into: &grid)
    TranslatePadView.drawStatus(state, in: layout.statusLine, into: &grid)
    if let picker = state.picker {
        grid.cursor = nil
        LanguagePickerView.draw(picker, support: state.support, other: state, in: layout.picker, into: &grid)
    }
}

enum TranslatePadView {
    static func title(of kind: TranslatePadLayout.PaneKind, _ state: TranslatePadState) -> String {
        switch kind {
        case .source: return "Source · " + shownName(state.sourceLang)
        case .translation:
            // Output in other languages than the ones now chosen says so until F5 translates again.
            if let made = state.translatedDirection, made.target != state.targetLang {
                return "Translation · \(shownName(made.target)) · stale: F5 for \(shownName(state.targetLang))"
            }
            return "Translation · " + shownName(state.targetLang)
        case .llm: return "LLM · \(state.llm?.variant.engine.id ?? "") K=\(state.llm?.k ?? 0)"
        case .roundTrip: return "Round trip"
        }
    }

    /// Every pane's text per source line, in the layout's pane order.
    static func paneTexts(_ state: TranslatePadState, kinds: [TranslatePadLayout.PaneKind]) -> [[PaneText?]] {
        let lines = state.sourceLines
        let translations = state.translations
        let stale = state.isStale
        let count = max(lines.count, translations.count)
        func at<T>(_ array: [T?], _ i: Int) -> T? { array.indices.contains(i) ? array[i] : nil }
        return kinds.map { kind in
            (0..<count).map { i -> PaneText? in
                switch kind {
                case .source:
                    return i < lines.count ? PaneText(lines[i], style: CellStyle(.promptText)) : nil
                case .translation:
                    guard let t = at(translations, i) else { return nil }
                    return PaneText(flat(t.text), style: CellStyle(stale ? .disabled : .outputText, stale ? [.dim] : []))
                case .llm:
                    if let error = state.llm?.errors[i] { return PaneText("✗ " + error, style: CellStyle(.error)) }
                    guard let out = state.llm?.outputs[i] else { return nil }
                    return PaneText(FewShotPrompt.answer(from: out))
                case .roundTrip:
                    let diffs = state.roundTripDiffs
                    guard let runs = at(diffs, i) else { return nil }
                    return diffText(runs)
                }
            }
        }
    }

    /// A diff as one line: kept words plain, lost words struck in the error role, new words in the stats role.
    static func diffText(_ runs: [DiffRun]) -> PaneText {
        var text = ""
        var spans: [StyledSpan] = []
        for run in runs {
            if !text.isEmpty { text += " " }
            let start = text.utf8.count
            text += run.text
            switch run.kind {
            case .same: break
            case .removed: spans.append(StyledSpan(start..<text.utf8.count, CellStyle(.error, [.dim])))
            case .added: spans.append(StyledSpan(start..<text.utf8.count, CellStyle(.statsLine, [.bold, .underline])))
            }
        }
        return PaneText(text, style: CellStyle(.outputText), spans: spans)
    }

    static func flat(_ text: String) -> String { String(text.map { $0 == "\n" || $0 == "\r\n" ? " " : $0 }) }

    static func alignedRows(_ state: TranslatePadState, layout: TranslatePadLayout) -> [AlignedRow] {
        let texts = paneTexts(state, kinds: layout.panes.map(\.kind))
        return TranslationAlignment.align(panes: texts, widths: layout.wrapWidths)
    }

    /// A language as headers show it: its English name, or "auto-detect".
    static func shownName(_ code: String) -> String {
        code == Languages.autoDetect.code ? "auto-detect" : Languages.name(of: code)
    }

    /// `⇧F2 auto-detect → ⇧F3 French │ F9 beams ●●●●○ │ F7 split ✓ │ F8 round trip ✗`: each setting after the key
    /// that changes it; a direction the backend cannot do is marked.
    static func drawHeader(_ state: TranslatePadState, in line: Rect, into grid: inout CellGrid) {
        guard !line.isEmpty else { return }
        let label = CellStyle(.keyHint), value = CellStyle(.sliderValue, [.bold]), plain = CellStyle(.sliderLabel)
        var x = line.x
        func put(_ text: String, _ style: CellStyle) { x = grid.write(text, x: x, y: line.y, style: style, limit: line.maxX) }
        let sourceOK = state.support.canTranslate(from: state.sourceLang, to: nil)
        let targetOK = state.support.canTranslate(to: state.targetLang, from: state.sourceLang)
        put("⇧F2", label)
        put(" " + shownName(state.sourceLang) + (sourceOK ? "" : " ✗"), sourceOK ? value : CellStyle(.warning, [.bold]))
        put(" → ", plain)
        put("⇧F3", label)
        put(" " + shownName(state.targetLang) + (targetOK ? "" : " ✗"), targetOK ? value : CellStyle(.warning, [.bold]))
        put(" │ ", plain)
        put("F9", label)
        put(" beams ", plain)
        put(String(repeating: "●", count: state.numBeams), CellStyle(.sliderBar))
        put(String(repeating: "○", count: 5 - state.numBeams), CellStyle(.sliderTrack))
        put(" │ ", plain)
        put("F7", label)
        put(" split ", plain)
        put(state.splitSentences ? "✓" : "✗", value)
        put(" │ ", plain)
        put("F8", label)
        put(" round trip ", plain)
        put(state.roundTripEnabled ? "✓" : "✗", value)
    }

    static func drawPanes(_ state: TranslatePadState, layout: TranslatePadLayout, into grid: inout CellGrid) {
        let rows = alignedRows(state, layout: layout)
        let texts = paneTexts(state, kinds: layout.panes.map(\.kind))
        let translations = state.translations
        for (p, pane) in layout.panes.enumerated() {
            let focused = pane.kind == .source && state.focus == .source && state.picker == nil
            grid.drawFrame(pane.frame, title: title(of: pane.kind, state), focused: focused)
            let area = layout.textArea(p)
            for r in 0..<area.height {
                let index = state.scroll + r
                guard index < rows.count else { break }
                let row = rows[index]
                if pane.kind == .translation, layout.showsGutter, row.rowInLine == 0,
                   translations.indices.contains(row.line), let t = translations[row.line] {
                    grid.write(t.detectedSourceLang, x: area.x - TranslatePadLayout.gutterWidth, y: area.y + r,
                               style: CellStyle(.paneTitle), limit: area.x - 1)
                }
                guard let piece = row.pieces[p], let text = texts[p][row.line] else { continue }
                draw(piece, of: text, x: area.x, y: area.y + r, limit: area.maxX, into: &grid)
            }
        }
        if state.picker == nil, let width = layout.wrapWidths.first, layout.panes.first?.kind == .source,
           let cursor = state.cursorPosition(rows: rows, width: width) {
            let area = layout.textArea(0)
            let y = cursor.row - state.scroll
            if y >= 0, y < area.height { grid.cursor = CellPosition(x: area.x + min(cursor.column, area.width - 1), y: area.y + y) }
        }
        if rows.allSatisfy({ row in row.pieces.allSatisfy { $0 == nil || $0!.start == $0!.end } }),
           let area = layout.panes.first.map({ _ in layout.textArea(0) }), !area.isEmpty {
            grid.write("Type or paste texts, one per line; F5 translates.", x: area.x, y: area.y,
                       style: CellStyle(.disabled, [.dim]), limit: area.maxX)
        }
    }

    static func draw(_ piece: WrappedLine, of text: PaneText, x: Int, y: Int, limit: Int, into grid: inout CellGrid) {
        var cx = x
        var offset = piece.start
        let s = text.text
        var i = s.stringIndex(utf8Offset: piece.start)
        let end = s.stringIndex(utf8Offset: piece.end)
        while i < end, cx < limit {
            let c = s[i]
            cx += grid.put(c == "\t" ? " " : c, x: cx, y: y, style: text.style(at: offset), limit: limit)
            offset += c.utf8.count
            i = s.index(after: i)
        }
    }

    static func usageText(_ state: TranslatePadState) -> String {
        guard let last = state.usage.last else { return "" }
        func figures(_ i: Int?, _ o: Int?, _ c: Double?) -> String {
            var s = "in \(i.map(String.init) ?? "–") out \(o.map(String.init) ?? "–")"
            if let c { s += " · " + formatCredits(c) + " cr" }
            return s
        }
        var s = "\(last.label): " + figures(last.inputTokens, last.outputTokens, last.credits)
        if state.usage.count > 1 {
            let i = state.usage.compactMap(\.inputTokens).reduce(0, +)
            let o = state.usage.compactMap(\.outputTokens).reduce(0, +)
            let credits = state.usage.compactMap(\.credits)
            s += " │ total " + figures(i, o, credits.isEmpty ? nil : credits.reduce(0, +))
        }
        return s
    }

    static func drawStatus(_ state: TranslatePadState, in bar: Rect, into grid: inout CellGrid) {
        guard !bar.isEmpty else { return }
        grid.fill(bar, style: CellStyle(.statusBar))
        var x = grid.write(" translate · \(state.engine) ", x: bar.x, y: bar.y, style: CellStyle(.statusAccent), limit: bar.maxX)
        if state.isTranslating {
            x = grid.write(" translating… (\(state.pending.count) pending)", x: x, y: bar.y, style: CellStyle(.statusBar),
                           limit: bar.maxX)
        }
        // Key hints are the status bar's, drawn from the key table: none here.
        if let notice = state.notice {
            grid.write(" " + notice.text, x: x, y: bar.y, style: CellStyle(notice.isError ? .error : .statusBar),
                       limit: bar.maxX)
        } else {
            let usage = usageText(state)
            if !usage.isEmpty { grid.write(" " + usage, x: x, y: bar.y, style: CellStyle(.statusBar), limit: bar.maxX) }
        }
    }
}

enum LanguagePickerView {
    static func draw(_ picker: LanguagePicker, support: LanguageSupport, other state: TranslatePadState, in box: Rect,
                     into grid: inout CellGrid) {
        guard box.width >= 10, box.height >= 4 else { return }
        grid.fill(box, style: CellStyle(.overlay))
        grid.drawFrame(box, title: picker.side == .source ? "Source language" : "Target language", focused: true)
        let inner = box.inset(1)
        let end = grid.write("Search: ", x: inner.x, y: inner.y, style: CellStyle(.overlayTitle), limit: inner.maxX)
        grid.fill(Rect(x: end, y: inner.y, width: inner.maxX - end, height: 1), style: CellStyle(.input))
        let queryEnd = grid.write(picker.query, x: end, y: inner.y, style: CellStyle(.input), limit: inner.maxX)
        grid.cursor = CellPosition(x: min(queryEnd, inner.maxX - 1), y: inner.y)
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let matches = picker.matches
        if matches.isEmpty {
            grid.write("no language matches", x: list.x, y: list.y, style: CellStyle(.disabled, [.dim]), limit: list.maxX)
            return
        }
        let first = max(0, picker.highlighted - list.height + 1)
        for r in 0..<list.height {
            let i = first + r
            guard i < matches.count else { break }
            let language = matches[i]
            let supported = picker.side == .source
                ? support.canTranslate(from: language.code, to: state.targetLang)
                : support.canTranslate(to: language.code, from: state.sourceLang)
            var style = CellStyle(supported ? .overlay : .disabled, supported ? [] : [.dim])
            if i == picker.highlighted { style = CellStyle(.selection) }
            // A code we have no name for (many of MADLAD-400's) is shown once.
            let name = language.name == language.code ? "" : language.name
            grid.writeLine(padded(language.code, to: 5) + name, in: list, row: r, style: style)
            if !supported {
                let mark = " ✗ unavailable"
                grid.write(mark, x: list.maxX - DisplayWidth.of(mark), y: list.y + r, style: style, limit: list.maxX)
            }
        }
    }
}
