import ArgumentParser
import SynthKit

struct TranslatePadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate-pad",
        abstract: "Open the translation scratchpad: lines translated side by side (F3 returns to the playground).")

    @OptionGroup var tui: TUIOptions

    @Option(name: .customLong("from"), help: "Source language code, or auto to detect it (default: the last one used).")
    var sourceLang: String?

    @Option(name: .customLong("to"), help: "Target language code, e.g. es (default: the last one used).")
    var targetLang: String?

    @Flag(help: "Also translate each line with the completion engine from few-shot examples (F10 in the pad).")
    var llm = false

    func validate() throws {
        // The pad would show a code that no engine translates and fail at the first line; say so now.
        let probe = TranslateRequest(text: ["x"], sourceLang: sourceLang ?? TranslateRequest.autoDetect,
                                     targetLang: targetLang ?? "en")
        do { try probe.validate() } catch {
            let option = error.field == "source_lang" ? "--from" : "--to"
            throw ArgumentParser.ValidationError("\(option) \(error.value) \(error.problem) (allowed \(error.allowed))")
        }
    }

    func run() throws {
        let (source, target, llm) = (sourceLang, targetLang, self.llm)
        try openTUI(tui, mode: .translate) {
            $0.padSourceLanguage = source
            $0.padTargetLanguage = target
            $0.padLLM = llm
        }
    }
}
