import SynthUI

extension TerminalInput {
    /// The playground event for this input; nil for what the UI does not use (middle and right buttons).
    /// A resize carries the size curses now reports.
    public func event(screenSize: (rows: Int, columns: Int)) -> Event? {
        switch self {
        case .key(let press):
            return .key(press)
        case .paste(let text):
            return .paste(text)
        case .resize:
            return .resize(columns: screenSize.columns, rows: screenSize.rows)
        case .mouse(let report):
            let action: MouseEvent.Action
            switch report.action {
            case .press(button: 1): action = .press
            case .release(button: 1): action = .release
            case .drag: action = .drag
            case .wheelUp: action = .wheelUp
            case .wheelDown: action = .wheelDown
            case .press, .release: return nil
            }
            return .mouse(MouseEvent(action, x: report.column, y: report.row))
        }
    }
}
