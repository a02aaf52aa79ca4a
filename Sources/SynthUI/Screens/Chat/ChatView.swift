// The chat screen on screen: the conversation, the message being written, the system prompt, the parameters.
import Foundation

/// Draws the chat screen into `rect` of `grid`.
public func renderChat(_ state: ChatState, in rect: Rect, into grid: inout CellGrid) {
    grid.fill(rect, style: .plain)
    var state = state
    state.viewRect = rect
    let layout = state.layout
    ChatView.drawTranscript(state, layout: layout, into: &grid)
    ChatView.drawEditor(state.composer, frame: layout.composer, text: layout.composerText,
                        width: layout.composerWrapWidth, title: ChatView.composerTitle(state),
                        focused: state.focus == .composer,
                        placeholder: "Write a message, then Enter (Alt-Enter: new line)", into: &grid)
    ChatView.drawEditor(state.system, frame: layout.system, text: layout.systemText, width: layout.systemWrapWidth,
                        title: "System prompt", focused: state.focus == .system,
                        placeholder: "How the assistant should behave (optional)", into: &grid)
    if !layout.parameters.isEmpty {
        ParametersView.draw(state.parameterPane, engine: state.engine, frame: layout.parameters,
                            focused: state.focus == .parameters, into: &grid)
    }
}

enum ChatView {
    static func composerTitle(_ state: ChatState) -> String {
        guard let turn = state.editingTurn, state.turns.indices.contains(turn) else { return "Message" }
        let what = state.turns[turn].role == .user ? "your message" : "the reply"
        return "Editing \(what) \(turn / 2 + 1) · Enter saves · Esc leaves"
    }

    static func drawEditor(_ editor: PromptEditor, frame: Rect, text: Rect, width: Int, title: String, focused: Bool,
                           placeholder: String, into grid: inout CellGrid) {
        guard !frame.isEmpty else { return }
        grid.drawFrame(frame, title: title, focused: focused)
        EditorView.draw(editor, in: text, width: width, focused: focused, placeholder: placeholder, into: &grid)
    }

    static func drawTranscript(_ state: ChatState, layout: ChatLayout, into grid: inout CellGrid) {
        guard !layout.transcript.isEmpty else { return }
        let focused = state.focus == .transcript
        let count = state.turns.count
        let title = "Chat · \(state.engine.displayName)" + (count > 0 ? " · \(count) message\(count == 1 ? "" : "s")" : "")
        grid.drawFrame(layout.transcript, title: title, focused: focused)
        let area = layout.transcriptText
        if state.turns.isEmpty {
            grid.writeWrapped("A conversation with \(state.engine.displayName). Write below and press Enter; "
                              + "Tab reaches the system prompt and the parameters.", in: area,
                              style: CellStyle(.disabled, [.dim]))
        }
        let rows = ChatTranscript.rows(state, width: layout.transcriptWrapWidth)
        let top = state.transcriptTop(rowCount: rows.count, height: area.height)
        for (r, row) in rows.dropFirst(top).prefix(area.height).enumerated() {
            let y = area.y + r
            let selected = row.turn != nil && row.turn == state.selectedTurn && focused
            if row.isHeader {
                if selected { grid.put("▶", x: area.x, y: y, style: CellStyle(.focusedRow, [.bold])) }
                grid.write(row.text, x: area.x + 2, y: y, style: selected ? CellStyle(.focusedRow, [.bold]) : row.style,
                           limit: area.maxX)
            } else {
                if selected { grid.put("▏", x: area.x, y: y, style: CellStyle(.focusedRow)) }
                grid.write(row.text, x: area.x + ChatTranscript.indent, y: y, style: row.style, limit: area.maxX)
            }
        }
        drawStatus(state, in: layout.transcriptStatus, into: &grid)
    }

    /// Under the conversation: an error (status and message), a retry, a notice, or the last reply's figures.
    static func drawStatus(_ state: ChatState, in line: Rect, into grid: inout CellGrid) {
        guard !line.isEmpty, let (text, style) = status(state) else { return }
        grid.writeWrapped(text, in: line, style: style)
    }

    static func status(_ state: ChatState) -> (text: String, style: CellStyle)? {
        if case .failed(let message, let status) = state.phase {
            return ("✗ " + (status.map { "\(ColumnPhase.describe(status: $0)): " } ?? "") + message, CellStyle(.error))
        }
        if let note = state.retryNote { return ("↻ " + note, CellStyle(.warning)) }
        if let notice = state.notice { return (notice.text, CellStyle(notice.isError ? .error : .statsLine)) }
        if let stats = state.stats { return (OutputView.statsText(stats), CellStyle(.statsLine)) }
        return nil
    }
}
