// Where the image screen's parts go: prompts and parameters on the left, the preview on the right, a status line.

public struct ImageLayout: Sendable, Equatable {
    public let prompt: Rect
    public let negative: Rect
    public let parameters: Rect
    public let preview: Rect
    public let statusLine: Rect

    public init(area: Rect) {
        statusLine = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: area.height >= 2 ? 1 : 0)
        let body = Rect(x: area.x, y: area.y, width: area.width, height: area.height - statusLine.height)
        // The left column keeps room for a slider; the preview takes the rest (none on a very narrow terminal).
        let left = body.width >= 60 ? max(36, body.width * 2 / 5) : body.width
        let parametersHeight = min(ImageRow.allCases.count + 3, max(0, body.height - 6))
        let negativeHeight = min(4, max(0, body.height - parametersHeight - 3))
        let promptHeight = max(0, body.height - parametersHeight - negativeHeight)
        prompt = Rect(x: body.x, y: body.y, width: left, height: promptHeight)
        negative = Rect(x: body.x, y: prompt.maxY, width: left, height: negativeHeight)
        parameters = Rect(x: body.x, y: negative.maxY, width: left, height: parametersHeight)
        preview = Rect(x: body.x + left, y: body.y, width: body.width - left, height: body.height)
    }

    /// The text area of a prompt's frame.
    func editorArea(_ focus: ImageScreenState.Focus) -> Rect {
        (focus == .negative ? negative : prompt).inset(1)
    }

    /// The parameter rows, above the line for messages and typed values.
    var parameterList: Rect {
        let inner = parameters.inset(1)
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 1))
    }

    var parameterFooter: Rect {
        let inner = parameters.inset(1)
        return Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: inner.height >= 2 ? 1 : 0)
    }
}

extension ImageScreenState {
    public var layout: ImageLayout { ImageLayout(area: viewRect) }
}
