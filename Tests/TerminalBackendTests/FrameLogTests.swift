import Foundation
import Glibc
import TestPeer
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

/// The opt-in timing log the TUI benchmarks read (benchmarks/tui-latency.sh, tui-idle.sh): its line format,
/// and that the real binary logs a key and then the frame that shows it when SYNTHPAD_FRAME_LOG is set.
final class FrameLogTests: XCTestCase {
    private var folder = ""
    private var sessions: [TmuxSession] = []

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-framelog-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        // SIGKILL first: a playground that sees its terminal go saves its session, which would recreate the folder.
        for session in sessions {
            if let pid = pid_t(session.paneFormat("#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 {
                kill(pid, SIGKILL)
            }
            session.close()
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    private struct Line {
        var kind: String
        var nanoseconds: Int64
        var value: Int
    }

    /// The app's lines (a benchmark's own "mark" lines skipped); a malformed line fails the test.
    private func lines(of path: String) throws -> [Line] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("mark ") }
            .compactMap { line in
                let fields = line.split(separator: " ")
                guard fields.count == 3, let time = Int64(fields[1]), let value = Int(fields[2]) else {
                    XCTFail("malformed line: \(line)")
                    return nil
                }
                return Line(kind: String(fields[0]), nanoseconds: time, value: value)
            }
    }

    private func monotonicNow() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    func testLogsKeysAndFramesWithMonotonicTimesAppendingToWhatIsThere() throws {
        let path = folder + "/frames.log"
        try "mark start\n".write(toFile: path, atomically: false, encoding: .utf8)
        let before = monotonicNow()
        let log = try XCTUnwrap(FrameLog(path: path))
        log.keyReceived(inputs: 2)
        log.framePainted(cells: 17)
        let after = monotonicNow()

        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("mark start\n"), "the log must append, not truncate: \(text)")
        let logged = try lines(of: path)
        XCTAssertEqual(logged.map(\.kind), ["key", "frame"])
        XCTAssertEqual(logged.map(\.value), [2, 17])
        for line in logged { XCTAssertTrue((before...after).contains(line.nanoseconds), "\(line) not in \(before)…\(after)") }
        XCTAssertLessThanOrEqual(logged.first!.nanoseconds, logged.last!.nanoseconds)
    }

    func testAPathThatCannotBeOpenedGivesNoLog() {
        XCTAssertNil(FrameLog(path: folder + "/no/such/folder/frames.log"))
    }

    func testTheRealPlaygroundLogsAKeyThenTheFrameThatShowsIt() throws {
        XCTAssertTrue(TmuxSession.isAvailable, "tmux is not installed (make test-deps installs it)")
        let bundle = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let binary = URL(fileURLWithPath: bundle).deletingLastPathComponent().appendingPathComponent("synthpad").path
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "synthpad is not built at \(binary)")
        let path = folder + "/frames.log"
        // Port 9 on loopback: nothing listens, and nothing here needs an answer.
        let session = try TmuxSession(
            command: "\(binary) --url http://127.0.0.1:9", columns: 120, rows: 40,
            environment: ["XDG_CONFIG_HOME": folder + "/config", "XDG_STATE_HOME": folder + "/state",
                          "TERM": "tmux-256color", "SYNTHPAD_FRAME_LOG": path])
        sessions.append(session)
        XCTAssertTrue(session.waitFor("Prompt", timeout: 30), session.capture())
        session.type("q")
        let typed = session.waitForScreen(timeout: 10) { $0.contains("┃q ") || $0.contains("┃q\n") }
        XCTAssertTrue(typed.matched, typed.screen)
        // The frame is logged just after it reaches the terminal, so give the write a moment to land.
        var logged: [Line] = []
        for _ in 0..<50 {
            logged = try lines(of: path)
            if let key = logged.firstIndex(where: { $0.kind == "key" }), logged[key...].contains(where: { $0.kind == "frame" }) { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(logged.first?.kind, "frame", "the first frame comes before any key: \(logged)")
        XCTAssertGreaterThan(logged.first?.value ?? 0, 1000, "the first frame paints the whole 120×40 screen")
        let key = try XCTUnwrap(logged.firstIndex { $0.kind == "key" }, "no key logged: \(logged)")
        XCTAssertEqual(logged[key].value, 1)
        let frame = try XCTUnwrap(logged[key...].first { $0.kind == "frame" }, "no frame after the key: \(logged)")
        XCTAssertGreaterThanOrEqual(frame.nanoseconds, logged[key].nanoseconds)
        XCTAssertGreaterThan(frame.value, 0, "the frame after the key paints the typed letter")
    }
}
