import ArgumentParser

struct Synthpad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthpad",
        abstract: "A terminal playground for text-generation APIs (TextSynth, Booste GPT-2, and an embedded local engine).",
        discussion: """
            With no subcommand, opens the playground. With no API key configured, everything runs on the embedded \
            local engine (SmolLM2-135M-Instruct and Apertium), offline.
            """,
        version: "0.1.0",
        subcommands: [
            PlayCommand.self, CompleteCommand.self, ChatCommand.self, TranslateCommand.self, LogprobCommand.self,
            ScoreCommand.self, TokenizeCommand.self, ImageCommand.self, CreditsCommand.self, EnginesCommand.self, Gpt2Command.self,
            Gpt2CheckCommand.self, ServeCommand.self, CompareCommand.self, TranslatePadCommand.self, ChatPadCommand.self, PresetsCommand.self,
            LogCommand.self, HistoryPadCommand.self,
        ],
        defaultSubcommand: PlayCommand.self)
}
