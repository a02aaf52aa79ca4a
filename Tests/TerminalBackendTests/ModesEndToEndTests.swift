import Foundation
import TestPeer
import XCTest

/// The real `synthpad compare` and `synthpad translate-pad` on a real terminal (tmux), against the embedded local
/// engine: three compare columns stream at once; the scratchpad translates en→es and en→fr (Apertium pivots
/// through Spanish) with each translation on its source line's row. Slow (the local model runs): ~20–60 s each.
final class ModesEndToEndTests: XCTestCase {
    private var home: URL?
    private var tmux: TmuxSession?

    override func tearDown() {
        tmux?.close()
        tmux = nil
        if let home { try? FileManager.default.removeItem(at: home) }
    }

    /// Starts `synthpad <arguments>` in a 120×40 tmux window with a private HOME and XDG directories (so the
    /// embedded engine is chosen and no session of the developer's is read or written).
    private func start(_ arguments: String) throws -> TmuxSession {
        // CI installs tmux and fetches the model: a missing one fails (SYNTHPAD_SKIP_E2E/_MODEL=1 skip, named).
        try TmuxSession.require()
        let binary = try SynthpadProcess.requireBinary().path
        let modelPath = try TestModel.require()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        self.home = home
        let session = try TmuxSession(
            command: "\(binary) \(arguments) 2>/dev/null", columns: 120, rows: 40,
            environment: ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                          "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                          "SYNTHPAD_MODEL": modelPath, "TERM": "tmux-256color", "LANG": "C.UTF-8"])
        tmux = session
        return session
    }

    func testThreeCompareColumnsStreamAtTheSameTime() throws {
        let session = try start("compare --columns 3 'Three facts about cats:'")
        XCTAssertTrue(session.waitFor("compare 3 columns", timeout: 30), session.capture())
        session.sendKeys("F5")
        // A screen where every column shows text and every column is still streaming.
        let together = session.waitForScreen(timeout: 90) { screen in
            let columns = Self.columnTexts(screen, count: 3, width: 40)
            return columns.count == 3 && columns.allSatisfy { $0.streaming && $0.hasText }
        }
        XCTAssertTrue(together.matched, "the columns never streamed together:\n\(together.screen)")
        XCTAssertTrue(together.screen.contains("streaming 3/3"), together.screen)
        // Esc cancels every column; F2 returns to the playground with the same prompt.
        session.sendKeys("Escape")
        XCTAssertTrue(session.waitForScreen(timeout: 10) { !$0.contains("streaming…") }.matched, session.capture())
        session.sendKeys("F2")
        XCTAssertTrue(session.waitFor("Tab pane"), session.capture())
        XCTAssertTrue(session.capture().contains("Three facts about cats:"))
        session.sendKeys("C-q")
    }

    func testScratchpadTranslatesEnglishToSpanishAndThroughSpanishToFrench() throws {
        let session = try start("translate-pad --from en --to es")
        let opened = session.waitForScreen(timeout: 30) { $0.contains("Source · English") && $0.contains("Spanish") }
        XCTAssertTrue(opened.matched, opened.screen)
        session.type("Good morning.")
        session.sendKeys("Enter", "Enter")
        session.type("The cat sleeps in the house.")
        session.sendKeys("F5")
        let spanish = session.waitForScreen(timeout: 60) { Self.alignedRows($0)?.allSatisfy({ !$0.isEmpty }) ?? false }
        XCTAssertTrue(spanish.matched, "no aligned Spanish:\n\(spanish.screen)")
        XCTAssertTrue(spanish.screen.lowercased().contains("gato"), spanish.screen)

        // The target picker: French is reached by pivoting through Spanish.
        session.sendKeys("S-F3")
        XCTAssertTrue(session.waitFor("Target language"), session.capture())
        session.type("French")
        session.sendKeys("Enter")
        // The Spanish lines stay, marked as what they are until F5 (#9.10).
        XCTAssertTrue(session.waitFor("Translation · Spanish · stale: F5 for French"), session.capture())
        session.sendKeys("F5")
        XCTAssertTrue(session.waitFor("Translation · French"), session.capture())
        let french = session.waitForScreen(timeout: 60) { screen in
            screen.lowercased().contains("chat") && (Self.alignedRows(screen)?.allSatisfy({ !$0.isEmpty }) ?? false)
        }
        XCTAssertTrue(french.matched, "no aligned French:\n\(french.screen)")
        session.sendKeys("C-q")
    }

    // MARK: Reading the screen

    /// Each compare column's text rows (below its header) and whether its stats line says it is streaming.
    static func columnTexts(_ screen: String, count: Int, width: Int) -> [(hasText: Bool, streaming: Bool)] {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        // Between the columns' headers (row 2) and their bottom edges.
        guard let bottom = rows.indices.dropFirst(2).first(where: { rows[$0].first == "└" || rows[$0].first == "┗" })
        else { return [] }
        return (0..<count).map { c in
            var hasText = false, streaming = false
            for row in rows[3..<bottom] {
                let start = c * width + 1, end = min(row.count, (c + 1) * width - 1)
                guard start < end else { continue }
                let cell = String(row[start..<end])
                // Any visible character is text: a sampled answer may be all dashes or digits.
                if cell.contains("streaming…") {
                    streaming = true
                } else if !cell.contains("waiting"), cell.contains(where: { !$0.isWhitespace }) {
                    hasText = true
                }
            }
            return (hasText, streaming)
        }
    }

    /// The translation pane's text on the rows where the source lines "Good morning." and "The cat…" start,
    /// or nil when those rows are not both on screen.
    static func alignedRows(_ screen: String) -> [String]? {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func translation(onRowStarting prefix: String) -> String? {
            guard let row = rows.first(where: { $0.dropFirst().hasPrefix(prefix) }) else { return nil }
            // Two panes of equal width: the right one starts after the left frame's closing edge.
            let cells = Array(row)
            let half = cells.count / 2
            return String(cells[half...]).trimmingCharacters(in: CharacterSet(charactersIn: " │┃"))
        }
        guard let first = translation(onRowStarting: "Good morning."),
              let second = translation(onRowStarting: "The cat sleeps") else { return nil }
        return [first, second]
    }
}
