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
        let backend = state.screenBackendName
        x = grid.write(" \(backend) · \(state.screenLabel) ", x: x, y: y, style: CellStyle(.statusAccent),
                       limit: bar.maxX)
        x = grid.write(" " + creditsText(state) + " ", x: x, y: y, style: CellStyle(.statusBar), limit: bar.maxX)
        let (symbol, label, role) = state.screenRequestState(spinner: spinnerFrames)
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
        var s = state.credits.map { "credits " + String(format: "%.2f", $0) } ?? "credits –"
        if state.credits != nil, let change = state.creditsChange, change != 0 { s += String(format: " (%+.3g)", change) }
        // The budget guard's count: what this session spent of its cap.
        if let cap = state.budget.sessionCap { s += " · spent \(formatCredits(state.sessionSpent))/\(formatCredits(cap))" }
        return s
    }

    /// The hints of the key tables that apply now (the screen's, then the shared ones).
    static func hintList(_ state: AppState) -> [String] { state.hints }
}
