import Foundation
import SynthKit
import XCTest

/// Parameter presets: built in, and TOML files that round-trip exactly.
final class PresetTests: XCTestCase {
    private var home: URL!
    private var environment: [String: String] { ["XDG_CONFIG_HOME": home.path] }

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("presets-\(UUID().uuidString)")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: home) }

    func testASavedPresetComesBackAsItWas() throws {
        var parameters = SamplingParameters(maxTokens: 30, temperature: 0.35, topK: 7, topP: 0.9,
                                            stop: ["\n", "it's \"done\"", "\\"])
        parameters.seed = 12
        let preset = Preset(name: "my-terse_1", engine: "llama3.1_8B_instruct", system: "One line.\nNo more.",
                            parameters: parameters)
        let url = try PresetStore.save(preset, environment: environment)
        XCTAssertEqual(url.lastPathComponent, "my-terse_1.toml")
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains("top_p = 0.9\n"), text)
        let loaded = try PresetStore.named("my-terse_1", environment: environment)
        XCTAssertEqual(loaded, preset)
    }

    func testBuiltInsAreListedAndAFileReplacesOneByName() throws {
        XCTAssertEqual(try PresetStore.all(environment: environment).map(\.name), ["balanced", "creative", "greedy", "precise"])
        XCTAssertEqual(try PresetStore.named("greedy", environment: environment).parameters.topK, 1)
        try PresetStore.save(Preset(name: "greedy", parameters: SamplingParameters(topK: 2)), environment: environment)
        let greedy = try PresetStore.named("greedy", environment: environment)
        XCTAssertEqual(greedy.parameters.topK, 2)
        XCTAssertFalse(greedy.isBuiltIn)
    }

    func testBrokenFilesAndNamesAreClearErrors() throws {
        let folder = PresetStore.directory(environment: environment)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "[parameters]\ntop_k = 0\n".write(to: folder.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PresetStore.all(environment: environment)) { error in
            XCTAssertTrue("\(error)".hasSuffix("bad.toml:2: [parameters] top_k = 0 is out of range (allowed 1…1000)"), "\(error)")
        }
        try "colour = 1\n".write(to: folder.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PresetStore.all(environment: environment)) { error in
            XCTAssertTrue("\(error)".contains("unknown key \"colour\""), "\(error)")
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("bad.toml"))
        XCTAssertThrowsError(try PresetStore.named("nope", environment: environment)) { error in
            XCTAssertTrue("\(error)".contains("no preset named \"nope\"; presets: balanced, creative"), "\(error)")
        }
        XCTAssertThrowsError(try PresetStore.save(Preset(name: "../escape", parameters: .defaults), environment: environment))
    }
}
