// Where each of the playground's panes goes in its area: plain arithmetic, testable at any size.

public struct Layout: Sendable, Equatable {
    public static let minimumColumns = 40
    public static let minimumRows = 12

    public private(set) var columns: Int
    public private(set) var rows: Int
    /// Below the minimum size only a "terminal too small" message is drawn.
    public private(set) var isTooSmall: Bool
    public let prompt: Rect
    public let parameters: Rect
    public let output: Rect
    /// The whole terminal's bottom line (zero for a layout made for an area).
    public private(set) var statusBar: Rect

    /// The whole terminal: the screen area above the status bar, laid out as `Layout(area:)` does.
    /// - Parameter focus: in the stacked (narrow) layout the focused pane gets the most room.
    public init(columns: Int, rows: Int, focus: Pane? = nil) {
        let tooSmall = columns < Layout.minimumColumns || rows < Layout.minimumRows
        self.init(area: tooSmall ? .zero : Rect(x: 0, y: 0, width: columns, height: rows - 1), focus: focus)
        self.columns = columns
        self.rows = rows
        isTooSmall = tooSmall
        statusBar = tooSmall ? .zero : Rect(x: 0, y: rows - 1, width: columns, height: 1)
    }

    /// The playground's three panes inside `area` (the screen above the status bar).
    public init(area: Rect, focus: Pane? = nil) {
        columns = area.width
        rows = area.height
        isTooSmall = area.isEmpty
        statusBar = .zero
        let body = area.height
        let (x0, y0) = (area.x, area.y)
        if area.isEmpty {
            prompt = .zero; parameters = .zero; output = .zero
            return
        }
        if columns >= 70 {
            // Parameters on the right at full height; prompt above output on the left.
            let parametersWidth = columns >= 110 ? 46 : max(32, columns * 2 / 5)
            let left = columns - parametersWidth
            let promptHeight = max(5, body * 2 / 5)
            prompt = Rect(x: x0, y: y0, width: left, height: promptHeight)
            output = Rect(x: x0, y: y0 + promptHeight, width: left, height: body - promptHeight)
            parameters = Rect(x: x0 + left, y: y0, width: parametersWidth, height: body)
        } else {
            // Narrow: stacked; the focused pane takes about half the height.
            var promptHeight = max(3, body * 3 / 10)
            var parametersHeight = max(4, body * 3 / 10)
            switch focus {
            case .prompt?:
                promptHeight = max(promptHeight, body / 2)
                parametersHeight = max(3, min(parametersHeight, body - promptHeight - 3))
            case .parameters?:
                parametersHeight = max(parametersHeight, body / 2)
                promptHeight = max(3, min(promptHeight, body * 2 / 10, body - parametersHeight - 3))
            default: break
            }
            prompt = Rect(x: x0, y: y0, width: columns, height: promptHeight)
            parameters = Rect(x: x0, y: y0 + promptHeight, width: columns, height: parametersHeight)
            output = Rect(x: x0, y: y0 + promptHeight + parametersHeight, width: columns,
                          height: body - promptHeight - parametersHeight)
        }
    }

    public func rect(of pane: Pane) -> Rect {
        switch pane {
        case .prompt: return prompt
        case .parameters: return parameters
        case .output: return output
        }
    }

    /// The prompt's text area (inside the border; one column kept free for the cursor at the end of a full row).
    public var promptText: Rect { prompt.inset(1) }
    var promptWrapWidth: Int { max(1, promptText.width - 1) }

    /// The output's text area (inside the border, above the stats line).
    public var outputText: Rect {
        let inner = output.inset(1)
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - outputStatsHeight)
    }
    public var outputStatsLine: Rect {
        let inner = output.inset(1)
        return Rect(x: inner.x, y: inner.maxY - outputStatsHeight, width: inner.width, height: outputStatsHeight)
    }
    /// The stats line only when the text keeps at least two rows.
    var outputStatsHeight: Int { output.inset(1).height >= 3 ? 1 : 0 }
    /// Width the outputs are wrapped at.
    public var outputTextWidth: Int { max(1, outputText.width) }

    /// The parameters' rows and footer.
    public var parameterPane: ParameterPaneLayout { ParameterPaneLayout(frame: parameters) }
    public var parameterList: Rect { parameterPane.list }
    public var parameterFooter: Rect { parameterPane.footer }

    /// The pane under a cell, if any.
    public func pane(atX x: Int, y: Int) -> Pane? {
        Pane.allCases.first { rect(of: $0).contains(x: x, y: y) }
    }
}

extension AppState {
    /// The terminal's layout: whether it is too small, and where the status bar goes.
    public var layout: Layout { Layout(columns: columns, rows: rows, focus: playground.focus) }
}

extension PlaygroundState {
    public var layout: Layout { Layout(area: area, focus: focus) }
}

/// Draws the playground into `area` of `grid` (the area its state was last resized to). `backendProblem` is the
/// app's word on a backend that cannot be reached, shown where the answer would go.
public func renderPlayground(_ state: PlaygroundState, in area: Rect, backendProblem: String?,
                             into grid: inout CellGrid) {
    PromptView.draw(state, into: &grid)
    ParametersView.draw(state.parameterPane, engine: state.engine, frame: state.layout.parameters,
                        focused: state.focus == .parameters, into: &grid)
    OutputView.draw(state, backendProblem: backendProblem, into: &grid)
    if let picker = state.presetPicker {
        PresetPickerView.draw(picker, presets: state.presets, over: state.layout.output, into: &grid)
    }
    if let scorer = state.scorer {
        ScorerView.draw(scorer, over: state.layout.output, into: &grid)
    }
}
