// The continuation scorer over the output pane: the candidates being typed on top, their ranking below.
import Foundation

enum ScorerView {
    /// Rows of the candidates' editor: a third of the box, at least two.
    static func editorArea(in area: Rect) -> Rect {
        let inner = area.inset(1)
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: max(2, min(inner.height / 3, inner.height - 3)))
    }

    static func draw(_ scorer: ContinuationScorer, over area: Rect, into grid: inout CellGrid) {
        guard area.width >= 24, area.height >= 7 else { return }
        grid.cursor = nil
        grid.fill(area, style: .plain)
        grid.drawFrame(area, title: "Score continuations · F5 score · Tab ranking · Esc close", focused: true)
        let editorArea = editorArea(in: area)
        EditorView.draw(scorer.editor, in: editorArea, width: editorArea.width, focused: scorer.editing,
                        placeholder: "candidate continuations of the prompt, one per line", into: &grid)
        let inner = area.inset(1)
        let ruleY = editorArea.maxY
        grid.write(String(repeating: "─", count: inner.width), x: inner.x, y: ruleY, style: CellStyle(.paneBorder),
                   limit: inner.maxX)
        let list = Rect(x: inner.x, y: ruleY + 1, width: inner.width, height: inner.maxY - ruleY - 1)
        guard !list.isEmpty else { return }
        grid.writeLine(" #  logprob  per token  greedy   credits  candidate", in: list, row: 0,
                       style: CellStyle(.paneTitle, [.bold]))
        let ranked = scorer.ranked
        let visible = list.height - 1
        let top = max(0, scorer.selected - visible + 1)
        for (row, index) in (top..<ranked.count).prefix(visible).enumerated() {
            let selected = index == scorer.selected && !scorer.editing
            let style = selected ? CellStyle(.focusedRow, [.bold]) : CellStyle(.text)
            grid.writeLine(line(ranked[index], rank: index), in: list, row: row + 1, style: style)
        }
    }

    static func line(_ row: ContinuationScorer.Row, rank: Int) -> String {
        func column(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
        }
        let candidate = row.candidate.replacingOccurrences(of: "\t", with: " ")
        guard let answer = row.answer else {
            // The candidate first: a long reason would push it off the line.
            return column("", 2) + "  " + (row.failure == nil ? "scoring…" : "✗") + "  " + candidate
                + (row.failure.map { " · " + $0 } ?? "")
        }
        let average = row.average.map { String(format: "%.3f", $0) } ?? "—"
        let credits = row.cost.map { String(format: "%.4f", $0) } ?? "—"
        return column("\(rank + 1)", 2) + " " + column(String(format: "%.3f", answer.logprob), 8) + " "
            + column(average, 10) + " " + column(answer.isGreedy ? "✓" : "·", 6) + " " + column(credits, 9) + "  "
            + candidate
    }
}
