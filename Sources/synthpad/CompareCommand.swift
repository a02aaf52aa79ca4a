import ArgumentParser
import SynthUI

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Open the compare screen: one prompt run by 2–6 variants side by side (F2 returns to the playground).")

    @Argument(help: "The prompt to compare (default: the playground's).")
    var prompt: String?

    @OptionGroup var tui: TUIOptions

    @Option(help: "Columns to start with (2–6), each a copy of the playground's settings.")
    var columns: Int = 3

    func validate() throws {
        guard (CompareState.minColumns...CompareState.maxColumns).contains(columns) else {
            throw ValidationError("--columns must be between \(CompareState.minColumns) and \(CompareState.maxColumns)")
        }
    }

    func run() throws {
        let (columns, prompt) = (self.columns, self.prompt)
        try openTUI(tui, mode: .compare) {
            $0.compareColumns = columns
            $0.prompt = prompt
        }
    }
}
