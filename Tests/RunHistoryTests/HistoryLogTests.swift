import Foundation
import GRDB
import RunHistory
import XCTest
import SynthKit

/// What happens when the database is not there to take a run: the run is not logged, the user is told once,
/// nothing else stops.
final class HistoryLogTests: XCTestCase {
    private var directory: URL!
    private var path: String { directory.appendingPathComponent("history.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private let sample = LoggedRun(source: "playground", backend: "local", baseURL: "http://127.0.0.1:8080",
                                   engine: "smollm2_135M", kind: "completion", prompt: "Hello", answers: [" world"])

    func testRunsAreWrittenInTheBackgroundAndFlushed() throws {
        let warnings = Warnings()
        let log = HistoryLog(path: path, warn: warnings.add)
        for _ in 0..<3 { log.recordLater(sample) }
        log.flush()
        XCTAssertEqual(try HistoryStore(path: path).count(), 3)
        XCTAssertEqual(warnings.all, [])
    }

    func testALockedDatabaseIsToldOnceAndLogsNothing() throws {
        _ = try HistoryStore(path: path)
        // Another program's connection, holding the write lock (GRDB itself never leaves a transaction open).
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: path, configuration: unsafe)
        try holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        let warnings = Warnings()
        let log = HistoryLog(path: path, warn: warnings.add)
        log.record(sample)
        log.record(sample)
        XCTAssertEqual(warnings.all.count, 1, "\(warnings.all)")
        XCTAssertTrue(warnings.all.first?.contains("locked") == true, "\(warnings.all)")
        XCTAssertTrue(warnings.all.first?.contains(path) == true)
        try holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        log.record(sample)
        XCTAssertEqual(try HistoryStore(path: path).count(), 1, "logging resumes once the lock is let go")
    }

    func testACorruptDatabaseIsToldOnce() throws {
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        let warnings = Warnings()
        let log = HistoryLog(path: path, warn: warnings.add)
        log.record(sample)
        log.recordLater(sample)
        log.flush()
        XCTAssertEqual(warnings.all.count, 1)
        XCTAssertTrue(warnings.all.first?.contains("not a database") == true, "\(warnings.all)")
    }

    /// A writer killed with SIGKILL in the middle of logging leaves a database that opens, passes
    /// `PRAGMA integrity_check` and keeps every run it committed.
    func testKillDuringWritesLeavesTheDatabaseConsistent() throws {
        let bench = Bundle(for: Self.self).bundleURL.deletingLastPathComponent().appendingPathComponent("HistoryBench")
        let writer = FileManager.default.isExecutableFile(atPath: bench.path)
            ? bench : Bundle(for: Self.self).bundleURL.appendingPathComponent("HistoryBench")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: writer.path), "HistoryBench is not built at \(writer.path)")
        for round in 0..<3 {
            let process = Process()
            process.executableURL = writer
            process.arguments = ["--fill", path]
            try process.run()
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            // Let it get well into writing (more each round, so the kill lands at different points).
            let wanted = 200 * (round + 1)
            while try committed() < wanted {
                XCTAssertTrue(process.isRunning, "the writer stopped by itself")
                if !process.isRunning { return }
                usleep(20_000)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal)
            let store = try HistoryStore(path: path)
            XCTAssertEqual(try store.integrityCheck(), "ok")
            XCTAssertGreaterThanOrEqual(try store.count(), wanted)
            XCTAssertEqual(try store.search("zeppelin", limit: 100_000).count,
                           try store.scan("zeppelin", limit: 100_000).count, "the search index matches the runs")
        }
    }

    /// Runs committed so far, read as another process would (0 while the writer is still creating the file).
    private func committed() throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        do {
            let reader = try DatabaseQueue(path: path, configuration: configuration)
            return try reader.read { db in
                try db.tableExists("run") ? Int.fetchOne(db, sql: "SELECT count(*) FROM run") ?? 0 : 0
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return 0  // the writer is setting the file up (WAL, first migration)
        }
    }
}

/// Warnings collected from any thread.
final class Warnings: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    var all: [String] { lock.withLock { list } }
    var add: @Sendable (String) -> Void { { [self] text in lock.withLock { list.append(text) } } }
}
