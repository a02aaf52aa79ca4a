import Foundation
import TerminalBackend
import Glibc

/// "Copy" for the scratchpad: the text is kept (the last copy, for tests and for a paste inside synthpad) and sent
/// to the terminal as OSC 52, which xterm, kitty, iTerm2, WezTerm and tmux (set-clipboard on) put on the system
/// clipboard. Terminals without OSC 52 ignore the sequence.
final class TerminalClipboard {
    private(set) var text: String?
    private let output: Int32

    init(output: Int32 = STDOUT_FILENO) {
        self.output = output
    }

    func copy(_ text: String) {
        self.text = text
        let sequence = Self.osc52(text)
        sequence.utf8CString.withUnsafeBufferPointer { buffer in
            var offset = 0
            let count = buffer.count - 1  // without the terminating NUL
            while offset < count {
                let n = write(output, buffer.baseAddress! + offset, count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }

    /// `ESC ] 52 ; c ; <base64> BEL`.
    static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }
}
