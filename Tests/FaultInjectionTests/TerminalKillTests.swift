// kill -9 of the real `synthpad` playground at random moments (mid-stream, mid-autosave, idle), 50 times, against
// TestPeer (a scripted TEST DOUBLE): after every kill the session file is whole, and the restart restores it.
import Foundation
import SynthKit
import TestPeer
import XCTest

final class TerminalKillTests: TerminalFaultTestCase {
    private static let kills = 50
    /// The prompt is "Survivor-" plus a rolling tail, kept short enough to show on one row.
    private static let promptStart = "Survivor-"
    private static let promptLimit = 20

    func testKillNineAtRandomMomentsNeverCorruptsTheSession() throws {
        let seed = SeededRandom.seedFromEnvironment
        var random = SeededRandom(seed: seed)
        let pieces = Self.words(14)
        let fullText = pieces.joined()
        // The stream (1.2 s) outlasts the autosave delay (1 s): some saves happen mid-stream, with a partial output.
        peer.route(Fault.completionsPath, .textSynthStream(pieces, pause: 0.09))
        let started = Date()

        // The work to keep: a prompt and a moved parameter, saved once before the kills start.
        let terminal = try openPlayground(binary: try copyOfTheBinary())
        waitForPlayground(terminal)
        terminal.type(Self.promptStart)
        terminal.sendKeys("Tab", "Down", "Right", "BTab")
        XCTAssertTrue(terminal.waitFor("1.05"), "temperature did not move:\n\(terminal.capture())")
        guard let first = waitForSavedSession(timeout: 10, {
            $0.prompt == Self.promptStart && $0.parameters.temperature == 1.05
        })
        else {
            return XCTFail("the first save never came: \(String(describing: try? savedSession()))")
        }
        let parameters = first.parameters
        var expectedPrompt = first.prompt
        var killsMidStream = 0, promptsSaved = 0, partialOutputs = 0
        var previous = first

        for round in 0..<Self.kills {
            // One edit (a new last letter) and a run, then SIGKILL at a random moment of stream, autosave or rest.
            let letter = String(UnicodeScalar(UInt8(97 + round % 26)))
            let before = expectedPrompt
            let edited = (before.count >= Self.promptLimit ? String(before.dropLast()) : before) + letter
            if before.count >= Self.promptLimit { terminal.sendKeys("BSpace", letter, "F5") } else {
                terminal.sendKeys(letter, "F5")
            }
            Thread.sleep(forTimeInterval: Double.random(in: 0...1.3, using: &random))  // the fault's timing, not a check
            if terminal.capture().contains("streaming") { killsMidStream += 1 }
            killNine(terminal)

            // Whole, and one of the states the user went through.
            let saved: SavedSession?
            do { saved = try savedSession() } catch {
                let bytes = FileManager.default.contents(atPath: sessionPath)?.count ?? 0
                return XCTFail("round \(round): the session file is corrupt (\(bytes) bytes): \(error)")
            }
            guard let saved else { return XCTFail("round \(round): the session file is gone") }
            XCTAssertTrue([before, String(before.dropLast()), edited].contains(saved.prompt),
                          "round \(round): saved prompt \"\(saved.prompt)\" is none of \"\(before)\" → \"\(edited)\"")
            XCTAssertEqual(saved.parameters, parameters, "round \(round): parameters changed")
            if let output = saved.outputs.first {
                XCTAssertTrue(fullText.hasPrefix(output), "round \(round): saved output \"\(output)\" is not what streamed")
                if output != fullText, saved != previous { partialOutputs += 1 }
            }
            if saved.prompt == edited { promptsSaved += 1 }
            expectedPrompt = saved.prompt
            previous = saved

            // The restart shows exactly what was saved.
            try terminal.restart()
            let restored = terminal.waitForScreen(timeout: 20) { screen in
                screen.contains(" idle ") && screen.contains("┃" + saved.prompt + " ") && screen.contains("1.05")
            }
            guard restored.matched else {
                let pane = terminal.paneFormat("dead #{pane_dead}, status #{pane_dead_status}")
                return XCTFail("round \(round): the restart did not restore \"\(saved.prompt)\" (\(pane)):\n"
                               + restored.screen)
            }
        }
        let seconds = Date().timeIntervalSince(started)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: synthpad.stateDirectory.path + "/synthpad"))?
            .filter { $0.hasSuffix(".tmp") }.count ?? 0
        note("TUI: kill -9 ×\(Self.kills) at random moments (seed \(seed))",
             saw: "whole and restored \(Self.kills)/\(Self.kills); \(killsMidStream) mid-stream; \(promptsSaved) edits and "
                + "\(partialOutputs) partial outputs saved; \(leftovers) temp files; " + String(format: "%.0f s", seconds))
        XCTAssertFalse(terminal.programHasExited, "the last restart is not running")
    }
}
