import ArgumentParser
import SynthKit

struct HistoryPadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Open the history screen: search every logged run, open, restore, re-run, diff, star, delete.",
        discussion: "Alt-6 shows it from any screen; `synthpad log` prints the same runs.")

    @OptionGroup var tui: TUIOptions

    @Option(name: .shortAndLong, help: "Start with this search (every word, as a prefix).")
    var query: String?

    func run() throws {
        let query = self.query
        try openTUI(tui, mode: .history) { $0.historySearch = query }
    }
}
