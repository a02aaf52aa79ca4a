/// TOMLKit 0.6.0 embeds toml++, which *aborts the process* (an assertion, not an error) on two typos:
/// a table header whose first key starts with a character that cannot start a key (`[.a]`, `[é]`, `[`),
/// and `}` where an array element belongs (`x = [}`, `stop = ["a",}`). A typo in a config or theme file
/// must be a message naming the line, so text goes through this scan before TOMLKit sees it.
/// The scan understands strings and comments, so brackets inside them are never mistaken for structure.
public enum TOMLGuard {
    /// The first construct that would abort TOMLKit, with its 1-based line; nil when the text is safe to parse.
    public static func abortingConstruct(in text: String) -> (line: Int, message: String)? {
        let s = Array(text.unicodeScalars)
        var i = 0, line = 1
        var arrays = 0, inlineTables = 0
        var atLineStart = true
        func skipBlanks(newlines: Bool) {
            while i < s.count, s[i] == " " || s[i] == "\t" || (newlines && (s[i] == "\n" || s[i] == "\r")) {
                if s[i] == "\n" { line += 1 }
                i += 1
            }
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\n":
                line += 1
                atLineStart = true
                i += 1
                continue
            case " ", "\t", "\r", "\u{FEFF}":
                // A byte-order mark (even a repeated one) leaves the line's start where it was.
                i += 1
                continue
            case "#":
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            case "\"", "'":
                skipString(s, &i, &line)
            case "[" where atLineStart && arrays == 0 && inlineTables == 0:
                i += 1
                if i < s.count, s[i] == "[" { i += 1 }
                skipBlanks(newlines: false)
                if i >= s.count || !startsKey(s[i]) {
                    return (line, "invalid table header: a key must follow \"[\"")
                }
                continue
            case "[", ",":
                if c == "[" { arrays += 1 }
                i += 1
                if arrays > 0 {
                    skipBlanks(newlines: true)
                    if i < s.count, s[i] == "}" { return (line, "\"}\" where an array element belongs") }
                }
                atLineStart = false
                continue
            case "]":
                arrays = max(0, arrays - 1)
                i += 1
            case "{":
                inlineTables += 1
                i += 1
            case "}":
                inlineTables = max(0, inlineTables - 1)
                i += 1
            default:
                i += 1
            }
            atLineStart = false
        }
        return nil
    }

    private static func startsKey(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", "\"", "'": true
        default: false
        }
    }

    /// Moves past a basic or literal string (single- or multi-line), counting the lines it spans.
    private static func skipString(_ s: [Unicode.Scalar], _ i: inout Int, _ line: inout Int) {
        let quote = s[i]
        let multiline = i + 2 < s.count && s[i + 1] == quote && s[i + 2] == quote
        i += multiline ? 3 : 1
        while i < s.count {
            if s[i] == "\\" && quote == "\"" {
                i += 2
                continue
            }
            if s[i] == "\n" {
                line += 1
                if !multiline { return }
            }
            if s[i] == quote {
                if !multiline { i += 1; return }
                if i + 2 < s.count, s[i + 1] == quote, s[i + 2] == quote { i += 3; return }
            }
            i += 1
        }
    }
}
