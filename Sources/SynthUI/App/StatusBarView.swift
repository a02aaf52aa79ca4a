// The bottom line: backend and engine, credits, request state with a spinner, key hints.
import Foundation

enum StatusBarView {
    static let spinnerFrames: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func draw(_ state: AppState, into grid: inout CellGrid) {
        let bar = state.layout.statusBar
        guard !bar.isEmpty else { return }
        grid.fill(bar, style: CellStyle(.statusBar))
        var x = bar.x
        let y = bar.y
        let backend = state.mode == .translate ? state.translatePad.backend : state.backendName
        x = grid.write(" \(backend) · \(modeLabel(state)) ", x: x, y: y, style: CellStyle(.statusAccent),
                       limit: bar.maxX)
        x = grid.write(" " + creditsText(state) + " ", x: x, y: y, style: CellStyle(.statusBar), limit: bar.maxX)
        let (symbol, label, role) = requestText(state)
        x = grid.write(" \(symbol) ", x: x, y: y, style: CellStyle(role), limit: bar.maxX)
        x = grid.write(label + " ", x: x, y: y, style: CellStyle(role == .spinner ? .statusBar : role), limit: bar.maxX)
        // As many whole hints as fit, right-aligned; none is ever cut in half.
        var hints = ""
        for hint in hintList(state) {
            let candidate = hints.isEmpty ? hint : hints + "  " + hint
            if x + 1 + DisplayWidth.of(candidate) + 1 > bar.maxX { break }
            hints = candidate
        }
        if !hints.isEmpty {
            grid.write(hints + " ", x: bar.maxX - DisplayWidth.of(hints) - 1, y: y, style: CellStyle(.keyHint),
                       limit: bar.maxX)
        }
    }

    static func creditsText(_ state: AppState) -> String {
        guard let credits = state.credits else { return "credits –" }
        var s = "credits " + String(format: "%.2f", credits)
        if let change = state.creditsChange, change != 0 { s += String(format: " (%+.3g)", change) }
        return s
    }

    /// What the left end names besides the backend: the engine, or the mode and what it works with.
    static func modeLabel(_ state: AppState) -> String {
        switch state.mode {
        case .playground: return state.playground.engine.id
        case .compare: return "compare \(state.compare?.columns.count ?? 0) columns"
        case .translate: return "translate \(state.translatePad.engine)"
        }
    }

    static func requestText(_ state: AppState) -> (String, String, ThemeRole) {
        let frame = String(spinnerFrames[state.spinnerFrame % spinnerFrames.count])
        switch state.mode {
        case .playground: break
        case .compare:
            let columns = state.compare?.columns ?? []
            let running = columns.filter(\.phase.isInFlight).count
            let failed = columns.filter { $0.errorMessage != nil }.count
            if running > 0 { return (frame, "streaming \(running)/\(columns.count)", .spinner) }
            if failed > 0 { return ("✗", "\(failed) failed", .error) }
            return ("●", "idle", .statusBar)
        case .translate:
            if state.translatePad.isTranslating { return (frame, "translating", .spinner) }
            if state.translatePad.notice?.isError == true { return ("✗", "error", .error) }
            return ("●", "idle", .statusBar)
        }
        switch state.playground.phase {
        case .idle where state.backendProblem != nil: return ("✗", "unreachable", .error)
        case .idle: return ("●", "idle", .statusBar)
        case .waiting: return (frame, "waiting", .spinner)
        case .streaming: return (frame, "streaming", .spinner)
        case .failed(_, let status): return ("✗", status.map { "error \($0)" } ?? "error", .error)
        }
    }

    /// The hints of the key tables that apply now (the screen's, then the shared ones).
    static func hintList(_ state: AppState) -> [String] { state.hints }
}
