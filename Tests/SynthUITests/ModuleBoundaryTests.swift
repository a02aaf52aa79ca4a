// Issue #10: SynthUI does no I/O and calls no terminal or network library; the runtime calls no curses.
import Foundation
import XCTest

final class ModuleBoundaryTests: XCTestCase {
    private var sources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources").standardized
    }

    /// The modules a file imports (comments that name a module do not count).
    private func imports(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
            return words.first == "import" && words.count > 1 ? String(words[1]) : nil
        })
    }

    private func swiftFiles(in module: String) throws -> [(name: String, text: String)] {
        let root = sources.appendingPathComponent(module)
        let names = try XCTUnwrap(FileManager.default.subpathsOfDirectory(atPath: root.path)).filter { $0.hasSuffix(".swift") }
        XCTAssertFalse(names.isEmpty, "no sources found for \(module) at \(root.path)")
        return try names.map { ($0, try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)) }
    }

    func testSynthUIDoesNoIO() throws {
        let forbidden = ["FileManager", "contentsOfFile", "Data(contentsOf", "FileHandle", "Process(", "fopen(",
                         "Date()", "ContinuousClock.now", "DispatchQueue", "Thread("]
        for (name, text) in try swiftFiles(in: "SynthUI") {
            for word in forbidden { XCTAssertFalse(text.contains(word), "SynthUI/\(name) uses \(word)") }
            let bridges = imports(text).intersection(["CNCurses", "CCurl", "TerminalBackend", "SynthRuntime", "Glibc",
                                                      "ImagePreview", "CChafa", "CTurboJPEG"])
            XCTAssertTrue(bridges.isEmpty, "SynthUI/\(name) imports \(bridges)")
        }
    }

    /// Issue #12: the JPEG decoder and the picture protocols stay out of the UI and the terminal backend: the UI names
    /// a file and a rectangle, the runtime decodes and draws, the backend only writes what it is given.
    func testImageDecodingAndDrawingLiveInImagePreviewOnly() throws {
        for module in ["SynthUI", "TerminalBackend", "SynthKit"] {
            for (name, text) in try swiftFiles(in: module) {
                let found = imports(text).intersection(["ImagePreview", "CChafa", "CTurboJPEG"])
                XCTAssertTrue(found.isEmpty, "\(module)/\(name) imports \(found)")
            }
        }
        for (name, text) in try swiftFiles(in: "ImagePreview") {
            let found = imports(text).intersection(["SynthUI", "TerminalBackend", "CNCurses"])
            XCTAssertTrue(found.isEmpty, "ImagePreview/\(name) imports \(found)")
        }
    }

    func testOnlyTheTerminalBackendCallsCurses() throws {
        for module in ["SynthRuntime", "SynthUI", "SynthKit", "synthpad", "EngineServer", "LocalEngine", "ImagePreview"] {
            for (name, text) in try swiftFiles(in: module) {
                XCTAssertFalse(imports(text).contains("CNCurses"), "\(module)/\(name) imports curses")
            }
        }
    }

    /// Issue #16: synthpad-engine serves without libcurl or the TUI's libraries, so what it is built from imports
    /// none of them (SynthWire, not SynthKit, is what the server shares with the clients).
    func testTheServingSideImportsNoTransportAndNoTUI() throws {
        let forbidden: Set = ["SynthKit", "CCurl", "CNCurses", "TerminalBackend", "SynthUI", "SynthRuntime", "ImagePreview",
                              "CChafa", "CTurboJPEG", "RunHistory", "GRDB"]
        for module in ["SynthWire", "LocalEngine", "EngineServer", "ServeCLI", "synthpad-engine"] {
            for (name, text) in try swiftFiles(in: module) {
                let found = imports(text).intersection(forbidden)
                XCTAssertTrue(found.isEmpty, "\(module)/\(name) imports \(found)")
            }
        }
    }
}
