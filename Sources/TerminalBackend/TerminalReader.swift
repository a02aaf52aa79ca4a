/// Reads the terminal and decodes it: keystrokes through curses (which knows the terminal's key
/// sequences), except inside a bracketed paste, where bytes are read in bulk straight from the descriptor.
/// Curses reads one byte per system call; a 1 MB paste that way takes seconds, in bulk a fraction of one.
///
/// Safe because curses holds nothing back at that point: it reads ahead only while matching a key
/// sequence, and the walk that began at the paste marker's ESC ended before its final "~" (no key starts
/// "ESC [ 2 0 0"), so once "~" has been returned curses' buffer is empty. Whatever follows the paste in a
/// bulk read goes through the decoder's own sequence parsing.
public final class TerminalReader {
    private(set) var decoder: KeyDecoder
    private var utf8 = UTF8ScalarDecoder()
    private var keystrokes: [Keystroke] = []
    private var bytes = [UInt8](repeating: 0, count: 65536)

    public init(keyCodes: KeyCodeTable) {
        decoder = KeyDecoder(keyCodes: keyCodes)
    }

    /// How long to wait for the rest of an unfinished sequence, or nil.
    public var pendingTimeoutMilliseconds: Int32? { decoder.pendingTimeoutMilliseconds }

    /// Reads everything available now. Returns false when there was nothing to read.
    public func read(from screen: TerminalScreen, into out: inout [TerminalInput]) -> Bool {
        var gotInput = false
        // Through curses one keystroke at a time, until input runs dry or a paste begins.
        while !decoder.isInsidePaste {
            keystrokes.removeAll(keepingCapacity: true)
            guard screen.readKeystroke(into: &keystrokes) else { break }
            gotInput = true
            for keystroke in keystrokes { decoder.feed(keystroke, into: &out) }
        }
        while decoder.isInsidePaste || utf8.hasPartialCharacter {
            let count = bytes.withUnsafeMutableBytes { screen.readAvailableBytes(into: $0) }
            if count <= 0 { break }
            gotInput = true
            for index in 0..<count {
                if let scalar = utf8.decode(bytes[index]) { decoder.feed(.scalar(scalar), into: &out) }
            }
        }
        return gotInput
    }

    /// Input went quiet: settle an unfinished sequence (a lone ESC becomes the Escape key).
    public func flush(into out: inout [TerminalInput]) {
        decoder.flush(into: &out)
    }
}
