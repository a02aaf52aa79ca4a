// Reading a theme from TOML text: a pure function of the text and the file's name.
import Foundation
import SynthKit
import TOMLKit

/// A theme file that could not be used, with the place to fix it.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var fileName: String
    public var line: Int?
    public var message: String
    public init(fileName: String, line: Int?, message: String) {
        self.fileName = fileName
        self.line = line
        self.message = message
    }
    public var description: String {
        if let line { return "\(fileName):\(line): \(message)" }
        return "\(fileName): \(message)"
    }
}

extension Theme {
    /// Parses a theme file. Roles the file does not mention keep the look they have in `base`.
    ///
    /// Format: `name = "…"` and a `[roles]` table whose keys are role names (see `ThemeRole`) and whose values are
    /// tables with `fg`, `bg` (colour name, "default", 0-255, or "#rrggbb"), optional `fg256`, `bg256`, `fg8`, `bg8`
    /// fallbacks, and `attrs` (a list of bold, dim, underline, reverse, italic).
    public static func parse(_ text: String, fileName: String, base: Theme = .builtInDefault) throws(ThemeError) -> Theme {
        if let problem = TOMLGuard.abortingConstruct(in: text) {
            throw ThemeError(fileName: fileName, line: problem.line, message: problem.message)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError(fileName: fileName, line: error.source.begin.line, message: error.description)
        } catch {
            throw ThemeError(fileName: fileName, line: nil, message: "\(error)")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func fail(_ message: String, role: String? = nil, key: String? = nil) -> ThemeError {
            ThemeError(fileName: fileName, line: ThemeSourceLines.locate(role: role, key: key, in: lines), message: message)
        }

        var theme = base
        if let name = table["name"] {
            guard let s = name.string else { throw fail("'name' must be a string", key: "name") }
            theme.name = s
        } else {
            theme.name = fileName.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? fileName
        }
        if let mono = table["monochrome"] {
            guard let b = mono.bool else { throw fail("'monochrome' must be true or false", key: "monochrome") }
            theme.isMonochrome = b
        }
        for key in table.keys where !["name", "monochrome", "roles", "description"].contains(key) {
            throw fail("unknown key '\(key)' (expected name, description, monochrome, roles)", key: key)
        }
        guard let rolesValue = table["roles"] else { return theme }
        guard let roles = rolesValue.table else { throw fail("'roles' must be a table", key: "roles") }
        for roleName in roles.keys {
            guard let role = ThemeRole(rawValue: roleName) else {
                let known = ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("unknown role '\(roleName)' (known roles: \(known))", role: roleName)
            }
            guard let entry = roles[roleName]?.table else {
                throw fail("role '\(roleName)' must be a table such as { fg = \"white\" }", role: roleName)
            }
            var look = base.look(role)
            for key in entry.keys {
                guard let value = entry[key] else { continue }
                func color() throws(ThemeError) -> ThemeColor {
                    do { return try ThemeColor.parse(value) } catch { throw fail("\(roleName).\(key): \(error.message)", role: roleName, key: key) }
                }
                switch key {
                case "fg": look.foreground = try color()
                case "bg": look.background = try color()
                case "fg256": look.foreground256 = try color()
                case "bg256": look.background256 = try color()
                case "fg8": look.foreground8 = try color()
                case "bg8": look.background8 = try color()
                case "attrs":
                    guard let array = value.array else { throw fail("\(roleName).attrs must be a list of strings", role: roleName, key: key) }
                    var attributes: TextAttributes = []
                    for item in array {
                        guard let s = item.string, let a = TextAttributes.named(s) else {
                            throw fail("\(roleName).attrs: unknown attribute \(item) (use bold, dim, underline, reverse, italic)",
                                        role: roleName, key: key)
                        }
                        attributes.insert(a)
                    }
                    look.attributes = attributes
                default:
                    throw fail("\(roleName): unknown key '\(key)' (expected fg, bg, fg256, bg256, fg8, bg8, attrs)", role: roleName, key: key)
                }
            }
            theme.looks[role] = look
        }
        return theme
    }

    /// Parses a theme file, or falls back to the default theme with a message naming the file and line.
    public static func parseOrDefault(_ text: String, fileName: String) -> (theme: Theme, problem: ThemeError?) {
        do { return (try parse(text, fileName: fileName), nil) } catch { return (.builtInDefault, error) }
    }
}

/// A colour value that could not be read.
public struct ColorParseError: Error, Sendable { public var message: String }

extension ThemeColor {
    static func parse(_ value: TOMLValueConvertible) throws(ColorParseError) -> ThemeColor {
        if let i = value.int {
            guard (0...255).contains(i) else { throw ColorParseError(message: "colour index \(i) is outside 0-255") }
            return .indexed(UInt8(i))
        }
        guard let s = value.string else { throw ColorParseError(message: "a colour must be a name, 0-255 or \"#rrggbb\"") }
        return try parse(name: s)
    }

    /// Reads "default", a basic colour name (optionally "bright-"), or "#rrggbb".
    public static func parse(name raw: String) throws(ColorParseError) -> ThemeColor {
        let s = raw.lowercased().trimmingCharacters(in: .whitespaces)
        if s == "default" || s == "none" { return .terminalDefault }
        if s.hasPrefix("#") {
            let hex = s.dropFirst()
            guard hex.count == 6, let v = UInt32(hex, radix: 16) else {
                throw ColorParseError(message: "'\(raw)' is not a #rrggbb colour")
            }
            return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        }
        var name = s
        var bright = false
        for prefix in ["bright-", "bright_", "bright "] where name.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
            bright = true
        }
        if name == "grey" || name == "gray" { return .indexed(bright ? 7 : 8) }
        guard let i = names.firstIndex(of: name) else {
            throw ColorParseError(message: "unknown colour '\(raw)' (use default, \(names.joined(separator: ", ")), bright-…, 0-255 or #rrggbb)")
        }
        return .indexed(UInt8(i + (bright ? 8 : 0)))
    }
}

extension TextAttributes {
    static func named(_ s: String) -> TextAttributes? {
        switch s.lowercased() {
        case "bold": return .bold
        case "dim": return .dim
        case "underline": return .underline
        case "reverse": return .reverse
        case "italic": return .italic
        default: return nil
        }
    }
}

/// Finds the line of a theme file a semantic error is about (TOML tables do not keep positions).
enum ThemeSourceLines {
    static func locate(role: String?, key: String?, in lines: [String]) -> Int? {
        var start = 0
        if let role {
            guard let i = lines.firstIndex(where: { mentions($0, key: role) || isHeader($0, role: role) }) else { return nil }
            if key == nil { return i + 1 }
            start = i
        }
        guard let key else { return nil }
        for i in start..<lines.count where mentions(lines[i], key: key) { return i + 1 }
        return start + 1
    }

    private static func isHeader(_ line: String, role: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
        return t == "[roles.\(role)]" || t == "[roles.\"\(role)\"]"
    }

    /// True when the line assigns `key` (as `key =` at the start, or inside an inline table `{ key = …`).
    private static func mentions(_ line: String, key: String) -> Bool {
        let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? line
        var rest = Substring(code)
        while let r = rest.range(of: key) {
            let before = rest[rest.startIndex..<r.lowerBound].last
            let after = rest[r.upperBound...].drop(while: { $0 == " " || $0 == "\"" })
            let boundaryBefore = before == nil || before == " " || before == "{" || before == "," || before == "\"" || before == "."
            if boundaryBefore, after.first == "=" { return true }
            rest = rest[r.upperBound...]
        }
        return false
    }
}
