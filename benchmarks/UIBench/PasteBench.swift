import Foundation
import TerminalBackend

/// d. A bracketed paste through the key decoder: 1 MB against 64 KB, per byte. A decoder whose cost grows with what
/// it has already read (quadratic) shows a ratio far above 1; the unit tests check the paste's content, not its speed.
enum PasteBench {
    struct Result {
        var smallBytes: Int
        var largeBytes: Int
        var small: Double  // ns, median
        var large: Double
        var perByteRatio: Double { (large / Double(largeBytes)) / (small / Double(smallBytes)) }
    }

    static func keystrokes(bytes: Int) -> [Keystroke] {
        let line = "The quick brown fox jumps over the lazy dog — été 中文 🙂\r\n"
        var body = ""
        while body.utf8.count < bytes { body += line }
        return ("\u{1B}[200~" + body + "\u{1B}[201~").unicodeScalars.map { .scalar($0.value) }
    }

    static func decode(_ keystrokes: [Keystroke]) -> Double {
        var decoder = KeyDecoder()
        var out: [TerminalInput] = []
        let start = nowNanoseconds()
        for keystroke in keystrokes { decoder.feed(keystroke, into: &out) }
        let elapsed = Double(nowNanoseconds() - start)
        precondition(out.count == 1, "a paste decodes to one event")
        return elapsed
    }

    static func run(rounds: Int) -> Result {
        let small = keystrokes(bytes: 65_536), large = keystrokes(bytes: 1_048_576)
        var smallTimes: [Double] = [], largeTimes: [Double] = []
        for _ in 0..<rounds {  // interleaved, so both see the same machine
            smallTimes.append(decode(small))
            largeTimes.append(decode(large))
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        return Result(smallBytes: 65_536, largeBytes: 1_048_576, small: median(smallTimes), large: median(largeTimes))
    }
}
