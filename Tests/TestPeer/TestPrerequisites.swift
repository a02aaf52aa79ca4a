// TEST SUPPORT (part of the TestPeer test-double library, never shipped): what the tests need from the machine —
// the SmolLM2 model, tmux, the synthpad binary — found in one place, with one rule for when it is missing:
// a FAILURE (CI installs all of it, so a run that skipped it would pass with nothing run), unless a developer opted
// out with an environment variable; then the test is skipped and the skip names that variable.
import Foundation
import XCTest

/// The environment variables a developer may set to leave out the slow parts of the suite.
public enum TestOptOut: String, CaseIterable, Sendable {
    /// Everything that runs the model (engine, server, CLI and terminal tests on the local engine).
    case model = "SYNTHPAD_SKIP_MODEL"
    /// The end-to-end tests that drive the real binary in tmux.
    case endToEnd = "SYNTHPAD_SKIP_E2E"

    /// Set to anything but "", "0" or "false" (as `make test`'s closing line reads it too).
    public var isSet: Bool { value != nil }

    private var value: String? {
        guard let value = ProcessInfo.processInfo.environment[rawValue],
              !["", "0", "false"].contains(value.lowercased()) else { return nil }
        return value
    }

    /// Skips the calling test, saying which variable caused it, when the developer set it.
    public func skipIfSet(_ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard let value else { return }
        throw XCTSkip("\(what) left out: \(rawValue)=\(value) is set (unset it to run)", file: file, line: line)
    }
}

/// A prerequisite that is not there: thrown by the `require` helpers after recording a test failure.
public struct MissingPrerequisite: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Fails the test (and throws, so it stops) when `present` is false: `what` is missing and `hint` says how to get
/// it. With `optOut` set the test is skipped instead, before anything is checked, and the skip names the variable.
public func requirePrerequisite(_ present: @autoclosure () -> Bool, _ what: String, hint: String,
                                optOut: TestOptOut?, file: StaticString = #filePath, line: UInt = #line) throws {
    try optOut?.skipIfSet(what, file: file, line: line)
    guard present() else {
        let leaveOut = optOut.map { "; set \($0.rawValue)=1 to leave these tests out" } ?? ""
        let message = "\(what) is missing: \(hint) (CI has it\(leaveOut))"
        XCTFail(message, file: file, line: line)
        throw MissingPrerequisite(description: message)
    }
}

/// For `setUp`: runs `requirements`, passing on an opt-out's skip, but not the error of a missing prerequisite (its
/// failure is already recorded). swift-corelibs-xctest counts a test whose setUp threw as *skipped* besides failed;
/// a missing prerequisite must count as a failure only.
public func requireInSetUp(_ requirements: () throws -> Void) throws {
    do { try requirements() } catch let skip as XCTSkip { throw skip } catch is MissingPrerequisite {}
}

/// The SmolLM2 model file the tests run on.
public enum TestModel {
    public static let fileName = "SmolLM2-135M-Instruct.Q4_1.gguf"

    /// `$SYNTHPAD_MODEL`, else where `make model` puts it: `${XDG_CACHE_HOME:-~/.cache}/synthpad/models/<fileName>`.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["SYNTHPAD_MODEL"], !path.isEmpty { return path }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache").path
        return URL(fileURLWithPath: cache).appendingPathComponent("synthpad/models/\(fileName)").path
    }

    public static var path: String { path() }

    /// The model's path; a missing model fails the test (a skip only with SYNTHPAD_SKIP_MODEL=1, which it names).
    @discardableResult
    public static func require(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let path = self.path
        try requirePrerequisite(FileManager.default.fileExists(atPath: path), "the model at \(path)",
                                hint: "run `make model` or set SYNTHPAD_MODEL", optOut: .model, file: file, line: line)
        return path
    }
}

extension TmuxSession {
    /// Fails the test without tmux (a skip only with SYNTHPAD_SKIP_E2E=1, which it names).
    public static func require(file: StaticString = #filePath, line: UInt = #line) throws {
        try requirePrerequisite(isAvailable, "tmux", hint: "run `make test-deps`", optOut: .endToEnd,
                                file: file, line: line)
    }
}

extension SynthpadProcess {
    /// The built binary; its absence fails the test (`swift build --build-tests` builds it with the tests).
    @discardableResult
    public static func requireBinary(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let binary = self.binary
        try requirePrerequisite(FileManager.default.isExecutableFile(atPath: binary.path), "synthpad at \(binary.path)",
                                hint: "run `swift build` first", optOut: nil, file: file, line: line)
        return binary
    }
}

/// The opt-in second model, Gemma 3 270M (`make model-gemma`): `make test` does not fetch it, so its tests run only
/// where it was fetched and are otherwise SKIPPED with a message saying so (and `make test` ends by saying so too).
public enum GemmaTestModel {
    public static let fileName = "gemma-3-270m-q4_k_m.gguf"

    /// `$SYNTHPAD_GEMMA_MODEL`, else where `make model-gemma` puts it.
    public static var path: String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["SYNTHPAD_GEMMA_MODEL"], !path.isEmpty { return path }
        let cached = TestModel.path(environment: environment.filter { $0.key != "SYNTHPAD_MODEL" })
        return URL(fileURLWithPath: cached).deletingLastPathComponent().appendingPathComponent(fileName).path
    }

    /// The file's path, or a skip that names what is missing and how to get it.
    @discardableResult
    public static func require(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try TestOptOut.model.skipIfSet("the Gemma tests", file: file, line: line)
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("SKIPPED, NOT RUN: Gemma 3 270M is not at \(path) (opt-in: `make model-gemma` fetches it)",
                          file: file, line: line)
        }
        return path
    }
}
