// Where the chat screen's panes go: the conversation above the message on the left, the system prompt above the
// parameters on the right; on a narrow screen one column, the system prompt or parameters shown when focused.

public struct ChatLayout: Sendable, Equatable {
    public let transcript: Rect
    public let composer: Rect
    public let system: Rect
    public let parameters: Rect

    /// Rows under the conversation for its status line (an error wraps over more).
    let statusRows: Int

    public init(area: Rect, focus: ChatFocus, statusRows: Int = 1) {
        let composerHeight = min(8, max(3, area.height / 4))
        if area.width >= 80 {
            let right = area.width >= 110 ? 46 : max(32, area.width * 2 / 5)
            let left = area.width - right
            transcript = Rect(x: area.x, y: area.y, width: left, height: area.height - composerHeight)
            composer = Rect(x: area.x, y: area.maxY - composerHeight, width: left, height: composerHeight)
            let systemHeight = min(8, max(3, area.height / 4))
            system = Rect(x: area.x + left, y: area.y, width: right, height: systemHeight)
            parameters = Rect(x: area.x + left, y: area.y + systemHeight, width: right,
                              height: area.height - systemHeight)
        } else {
            let top = Rect(x: area.x, y: area.y, width: area.width, height: area.height - composerHeight)
            composer = Rect(x: area.x, y: area.maxY - composerHeight, width: area.width, height: composerHeight)
            transcript = focus == .system || focus == .parameters ? .zero : top
            system = focus == .system ? top : .zero
            parameters = focus == .parameters ? top : .zero
        }
        let inner = transcript.inset(1).height
        self.statusRows = inner >= 3 ? min(max(1, statusRows), 1 + inner / 2) : 0
    }

    /// Inside the borders.
    public var transcriptText: Rect {
        let inner = transcript.inset(1)
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - statusHeight))
    }
    /// The line under the conversation: the reply's figures, an error, a notice.
    public var transcriptStatus: Rect {
        let inner = transcript.inset(1)
        return Rect(x: inner.x, y: inner.maxY - statusHeight, width: inner.width, height: statusHeight)
    }
    var statusHeight: Int { statusRows }

    public var composerText: Rect { composer.inset(1) }
    public var composerWrapWidth: Int { max(1, composerText.width - 1) }
    public var systemText: Rect { system.inset(1) }
    public var systemWrapWidth: Int { max(1, systemText.width - 1) }
    /// Transcript text is indented under each speaker's name.
    public var transcriptWrapWidth: Int { max(1, transcriptText.width - ChatTranscript.indent) }
}

extension ChatState {
    public var layout: ChatLayout {
        let width = ChatLayout(area: viewRect, focus: focus).transcriptText.width
        let rows = ChatView.status(self).map { LineWrapper.wrap($0.text, from: 0, width: max(1, width)).count } ?? 1
        return ChatLayout(area: viewRect, focus: focus, statusRows: rows)
    }
}
