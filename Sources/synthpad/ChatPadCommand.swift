import ArgumentParser
import SynthKit

struct ChatPadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat-pad",
        abstract: "Open the chat screen: a conversation with streamed replies (Alt-1 returns to the playground).")

    @OptionGroup var tui: TUIOptions

    @Option(help: "A system prompt to start with (default: the last one used).")
    var system: String?

    func run() throws {
        let system = self.system
        try openTUI(tui, mode: .chat) { $0.chatSystemPrompt = system }
    }
}
