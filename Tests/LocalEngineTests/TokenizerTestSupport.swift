import Foundation
import TestPeer
import XCTest
@testable import LocalEngine

/// The SmolLM2 model file and its tokenizer, loaded once for all tokenizer tests, plus small test helpers.
enum TokenizerFixture {
    static let modelPath = TestModel.path

    static let referenceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("TokenizerReference")

    private static let loaded: Result<Tokenizer, any Error> = Result {
        try Tokenizer(gguf: GGUFFile(path: modelPath))
    }

    /// The model's tokenizer; fails the test with a clear message when the model file is unusable.
    static func tokenizer(file: StaticString = #filePath, line: UInt = #line) throws -> Tokenizer {
        try TestModel.require(file: file, line: line)
        switch loaded {
        case let .success(tokenizer): return tokenizer
        case let .failure(error):
            XCTFail("cannot load the SmolLM2 tokenizer from \(modelPath): \(error)", file: file, line: line)
            throw error
        }
    }

    /// Runs a child process with stdin and stderr on /dev/null, reads its stdout fully and kills it
    /// with SIGKILL if it outlives `timeout`.
    static func runCollectingStdout(_ executable: String, _ arguments: [String], timeout: TimeInterval) throws
        -> (status: Int32, stdout: Data, timedOut: Bool) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let finished = DispatchSemaphore(value: 0)
        let killed = KilledFlag()
        DispatchQueue.global().async {
            if finished.wait(timeout: .now() + timeout) == .timedOut {
                killed.set()
                kill(pid, SIGKILL)
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        finished.signal()
        return (process.terminationStatus, data, killed.value)
    }

    /// Set by the watchdog when it killed the child, read by the test.
    final class KilledFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var flag = false
        func set() { lock.lock(); flag = true; lock.unlock() }
        var value: Bool { lock.lock(); defer { lock.unlock() }; return flag }
    }

    /// Where two id sequences first differ, for readable failure messages.
    static func firstDifference(_ a: [Int32], _ b: [Int32]) -> String {
        let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        return "first difference at index \(index) (counts \(a.count) vs \(b.count)): "
            + "\(Array(a[min(index, a.count)...].prefix(6))) vs \(Array(b[min(index, b.count)...].prefix(6)))"
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

