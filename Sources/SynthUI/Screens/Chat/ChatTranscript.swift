// The conversation as rows of text: each message under its speaker's name, wrapped to the pane; and as Markdown
// (what Ctrl-O copies, and what an export writes).
import Foundation

/// One row of the conversation pane.
struct TranscriptRow: Equatable {
    var text: String
    var style: CellStyle
    /// The message this row belongs to (nil for the blank rows between messages).
    var turn: Int?
    var isHeader: Bool = false
}

enum ChatTranscript {
    /// Columns message text is indented by, under the speaker's name.
    static let indent = 2

    static func speaker(_ role: ChatTurn.Role) -> String { role == .user ? "You" : "Assistant" }

    /// Every row of the conversation at `width` (the text's width, after the indent).
    static func rows(_ state: ChatState, width: Int) -> [TranscriptRow] {
        var rows: [TranscriptRow] = []
        for (i, turn) in state.turns.enumerated() {
            if i > 0 { rows.append(TranscriptRow(text: "", style: .plain, turn: nil)) }
            var header = speaker(turn.role)
            let streaming = i == state.turns.count - 1 && state.isReplying
            if state.editingTurn == i { header += " · being edited below" }
            if turn.interrupted { header += " · cut short" }
            let role: ThemeRole = turn.role == .user ? .tabActive : .statsLine
            rows.append(TranscriptRow(text: header, style: CellStyle(role, [.bold]), turn: i, isHeader: true))
            let style = CellStyle(turn.role == .user ? .promptText : .outputText)
            if turn.text.isEmpty, streaming {
                rows.append(TranscriptRow(text: "…", style: CellStyle(.disabled, [.dim]), turn: i))
                continue
            }
            for line in LineWrapper.wrap(turn.text, from: 0, width: max(1, width)) {
                let piece = String(turn.text.slice(line.start, line.end)).replacingOccurrences(of: "\n", with: "")
                rows.append(TranscriptRow(text: piece, style: style, turn: i))
            }
        }
        return rows
    }

    /// The conversation in Markdown: the engine, the system prompt, then each message under its speaker.
    static func markdown(_ turns: [ChatTurn], system: String?, engine: String) -> String {
        var out = "# Chat with \(engine)\n"
        if let system { out += "\n**System:** \(system)\n" }
        for turn in turns {
            out += "\n## \(speaker(turn.role))\(turn.interrupted ? " (cut short)" : "")\n\n\(turn.text)\n"
        }
        return out
    }
}

extension ChatState {
    /// The first row shown for a pane of `height` rows: the end while following, else the scroll position.
    func transcriptTop(rowCount: Int, height: Int) -> Int {
        let last = max(0, rowCount - height)
        return min(scrollRow ?? last, last)
    }

    /// Scrolls the least needed to show the selected message's first rows.
    mutating func revealSelectedTurn() {
        guard let turn = selectedTurn else { return }
        let layout = self.layout
        let rows = ChatTranscript.rows(self, width: layout.transcriptWrapWidth)
        let height = layout.transcriptText.height
        guard height > 0, let first = rows.firstIndex(where: { $0.turn == turn }) else { return }
        let end = rows.lastIndex { $0.turn == turn } ?? first
        var top = transcriptTop(rowCount: rows.count, height: height)
        if first < top { top = first } else if end >= top + height { top = max(first, end - height + 1) }
        top = min(top, first)
        scrollRow = top >= max(0, rows.count - height) ? nil : top
    }

    mutating func scrollTranscript(pages: Int) {
        let layout = self.layout
        let rows = ChatTranscript.rows(self, width: layout.transcriptWrapWidth)
        let height = max(1, layout.transcriptText.height)
        let top = transcriptTop(rowCount: rows.count, height: height) + pages * max(1, height - 1)
        scrollRow = top >= rows.count - height ? nil : max(0, top)
    }
}
