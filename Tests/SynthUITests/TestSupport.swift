// Helpers for driving the pure UI core in tests: typing, pressing keys, reading the screen, golden files.
import Foundation
import XCTest
import SynthKit
@testable import SynthUI

extension AppState {
    static func sample(columns: Int = 80, rows: Int = 24, prompt: String = "", engines: [EngineChoice] = EngineChoice.textSynthEngines) -> AppState {
        AppState(columns: columns, rows: rows, backendName: "textsynth", engines: engines, engine: "gptj_6B", prompt: prompt)
    }

    @discardableResult
    mutating func send(_ event: Event) -> [Effect] { update(state: &self, event: event) }

    @discardableResult
    mutating func press(_ key: Key, _ modifiers: KeyModifiers = []) -> [Effect] { send(.key(KeyPress(key, modifiers))) }

    @discardableResult
    mutating func ctrl(_ c: Character) -> [Effect] { send(.key(.ctrl(c))) }

    mutating func type(_ text: String) {
        for c in text { send(.key(.char(c))) }
    }

    /// Presses Tab until the pane is focused.
    mutating func focusPane(_ pane: Pane) {
        while focus != pane { press(.tab) }
    }

    var screen: String { render(self).text }

    /// Every page of the open help, one after the other (PgDn turns them).
    mutating func helpPagesText() -> String {
        var pages = [screen]
        while true {
            press(.pageDown)
            guard showHelp, screen != pages.last else { break }
            pages.append(screen)
        }
        return pages.joined(separator: "\n")
    }
}

// Tests read and set the playground's fields through the app, as they did when the app held them; the app itself
// keeps only what screens share (these forwards exist in the test target only).
extension AppState {
    var focus: Pane { get { playground.focus } set { playground.focus = newValue } }
    var editor: PromptEditor { get { playground.editor } set { playground.editor = newValue } }
    var promptTokens: Int? { get { playground.promptTokens } set { playground.promptTokens = newValue } }
    var parameters: ParameterValues { get { playground.parameters } set { playground.parameters = newValue } }
    var parameterCursor: Int { get { playground.parameterCursor } set { playground.parameterCursor = newValue } }
    var parameterInput: ParameterInput? { get { playground.parameterInput } set { playground.parameterInput = newValue } }
    var parameterNotice: Notice? { get { playground.parameterNotice } set { playground.parameterNotice = newValue } }
    var outputs: [OutputDocument] { get { playground.outputs } set { playground.outputs = newValue } }
    var outputTab: Int { get { playground.outputTab } set { playground.outputTab = newValue } }
    var outputScroll: Int { get { playground.outputScroll } set { playground.outputScroll = newValue } }
    var outputFollows: Bool { get { playground.outputFollows } set { playground.outputFollows = newValue } }
    var stats: CompletionStats? { get { playground.stats } set { playground.stats = newValue } }
    var phase: RequestPhase { get { playground.phase } set { playground.phase = newValue } }
    var retryNote: String? { get { playground.retryNote } set { playground.retryNote = newValue } }
    var lastRequestCancelled: Bool { get { playground.lastRequestCancelled } set { playground.lastRequestCancelled = newValue } }
    var engineIndex: Int { get { playground.engineIndex } set { playground.engineIndex = newValue } }
    var engine: EngineChoice { playground.engine }
    var currentOutput: OutputDocument? { playground.currentOutput }
    var parameterRows: [(row: ParameterRow, enabled: Bool)] { playground.parameterRows }
}

extension CellGrid {
    /// One character per cell naming its role (see `GoldenFile.roleCodes`); "~" marks the second half of a wide character.
    var styleMask: String {
        (0..<rows).map { y in
            String((0..<columns).map { x -> Character in
                let cell = self[x, y]
                if cell.isContinuation { return "~" }
                return GoldenFile.code(for: cell.style.role)
            })
        }.joined(separator: "\n")
    }
}

extension CellGrid {
    /// Each cell's own colours as `rrggbb/rrggbb` (pictures drawn as symbols), "-" where the theme colours it.
    var colorMask: String {
        func hex(_ color: ThemeColor) -> String {
            if case .rgb(let r, let g, let b) = color { return String(format: "%02x%02x%02x", r, g, b) }
            return "?"
        }
        return (0..<rows).map { y in
            (0..<columns).map { x -> String in
                guard let colors = self[x, y].style.colors else { return "-" }
                return hex(colors.foreground) + "/" + hex(colors.background)
            }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}

extension CellGrid {
    /// Each cell's attributes as a theme draws it (its role's and the cell's own): what NO_COLOR leaves to see.
    func attributeMask(_ theme: Theme) -> String {
        (0..<rows).map { y in
            String((0..<columns).map { x -> Character in
                let cell = self[x, y]
                let attributes = theme.look(cell.style.role).attributes.union(cell.style.attributes)
                if attributes.contains(.reverse) { return "r" }
                if attributes.contains(.underline) { return "u" }
                if attributes.contains(.bold) { return "b" }
                if attributes.contains(.dim) { return "d" }
                return "."
            })
        }.joined(separator: "\n")
    }
}

enum GoldenFile {
    static let codes = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    static func code(for role: ThemeRole) -> Character {
        codes[ThemeRole.allCases.firstIndex(of: role)!]
    }

    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    }

    /// Compares a screen (text plus style mask, and with `colors` each cell's own colours) with
    /// `Goldens/<name>.txt`; SYNTHPAD_UPDATE_GOLDENS=1 rewrites the file.
    static func assertMatches(_ grid: CellGrid, named name: String, colors: Bool = false,
                              attributesUnder theme: Theme? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let legend = ThemeRole.allCases.map { "\(code(for: $0))=\($0.rawValue)" }.joined(separator: " ")
        var actual = grid.text + "\n--- style mask (" + legend + ") ---\n" + grid.styleMask + "\n"
        if colors { actual += "--- cell colours (foreground/background, - for the role's) ---\n" + grid.colorMask + "\n" }
        if let theme {
            actual += "--- attributes under \(theme.name) (b bold, d dim, u underline, r reverse, . none) ---\n"
                + grid.attributeMask(theme) + "\n"
        }
        let url = directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["SYNTHPAD_UPDATE_GOLDENS"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try! actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden \(url.path); run with SYNTHPAD_UPDATE_GOLDENS=1 to create it", file: file, line: line)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            XCTFail("""
                screen differs from golden \(name) at line \(firstDiff + 1):
                expected: \(firstDiff < e.count ? String(e[firstDiff]) : "<end>")
                actual:   \(firstDiff < a.count ? String(a[firstDiff]) : "<end>")
                (SYNTHPAD_UPDATE_GOLDENS=1 regenerates after an intended change)
                """, file: file, line: line)
        }
    }
}
