import ArgumentParser
import SynthRuntime
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

    @Option(help: ArgumentHelp("A seed-locked sweep, one column per value: name=v1,v2,… or name=from..to (over --columns).",
                               valueName: "name=values"))
    var sweep: String?

    func validate() throws {
        guard (CompareState.minColumns...CompareState.maxColumns).contains(columns) else {
            throw ValidationError("--columns must be between \(CompareState.minColumns) and \(CompareState.maxColumns)")
        }
        let engines = tui.backendOptions.engines
        if engines.count > CompareState.maxColumns {
            throw ValidationError("at most \(CompareState.maxColumns) --engine columns, not \(engines.count)")
        }
    }

    func run() throws {
        let (columns, prompt) = (self.columns, self.prompt)
        let engines = tui.backendOptions.engines
        // A sweep is read (and refused with its reason) before anything opens.
        let sweep = try self.sweep.map { text -> ParameterSweep in
            let config = try tui.backendOptions.loadConfig()
            switch ParameterSweep.parse(text, columns: columns, seed: config.parameters.seed) {
            case .success(let sweep): return sweep
            case .failure(let error): throw CLIError.usage("--sweep: \(error)")
            }
        }
        try openTUI(tui, mode: .compare) {
            $0.compareColumns = columns
            $0.prompt = prompt
            if engines.count >= CompareState.minColumns { $0.compareEngines = engines }
            $0.compareSweep = sweep
        }
    }
}
