import XCTest
@testable import SynthUI
import SynthRuntime

final class ThemeTests: XCTestCase {
    static var themesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("themes")
    }

    func testShippedThemesParse() throws {
        for name in Theme.shippedNames {
            let url = Self.themesDirectory.appendingPathComponent("\(name).toml")
            let text = try String(contentsOf: url, encoding: .utf8)
            let theme = try Theme.parse(text, fileName: url.path)
            XCTAssertEqual(theme.name, name)
            for role in ThemeRole.allCases { XCTAssertNotNil(theme.looks[role], "\(name) lacks \(role)") }
        }
    }

    func testShippedDefaultEqualsBuiltInDefault() throws {
        let text = try String(contentsOf: Self.themesDirectory.appendingPathComponent("default.toml"), encoding: .utf8)
        XCTAssertEqual(try Theme.parse(text, fileName: "default.toml"), Theme.builtInDefault)
        XCTAssertEqual(try Theme.parse(Theme.builtInDefault.fileText, fileName: "x.toml"), Theme.builtInDefault)
    }

    func testColourFormatsAndFallbacks() throws {
        let theme = try Theme.parse("""
            name = "t"
            [roles]
            error = { fg = "#ff0000", bg = 236, attrs = ["bold", "underline"] }
            selection = { fg = "bright-cyan", bg = "default", fg256 = 51, fg8 = "green" }
            """, fileName: "t.toml")
        let error = theme.look(.error)
        XCTAssertEqual(error.foreground, .rgb(255, 0, 0))
        XCTAssertEqual(error.background, .indexed(236))
        XCTAssertEqual(error.attributes, [.bold, .underline])
        XCTAssertEqual(error.colors(for: .palette256).foreground, .indexed(196))
        XCTAssertEqual(error.colors(for: .basic8).foreground, .indexed(1))
        XCTAssertEqual(error.colors(for: .basic8).background, .indexed(0))
        let selection = theme.look(.selection)
        XCTAssertEqual(selection.foreground, .indexed(14))
        XCTAssertEqual(selection.colors(for: .palette256).foreground, .indexed(51))
        XCTAssertEqual(selection.colors(for: .basic8).foreground, .indexed(2))
        XCTAssertEqual(selection.colors(for: .monochrome).foreground, .terminalDefault)
        // Roles not in the file keep the default theme's look.
        XCTAssertEqual(theme.look(.statusBar), Theme.builtInDefault.look(.statusBar))
    }

    func testSyntaxErrorNamesFileAndLine() {
        let text = "name = \"broken\"\n[roles]\nerror = { fg = \"red\" \ntext = { fg = \"white\" }\n"
        let (theme, problem) = Theme.parseOrDefault(text, fileName: "themes/broken.toml")
        XCTAssertEqual(theme, .builtInDefault)
        XCTAssertEqual(problem?.fileName, "themes/broken.toml")
        XCTAssertEqual(problem?.line, 3)
        XCTAssertTrue(problem!.description.hasPrefix("themes/broken.toml:3: "), problem!.description)
    }

    func testSemanticErrorsNameTheLine() {
        func problem(_ text: String) -> ThemeError? { Theme.parseOrDefault(text, fileName: "bad.toml").problem }
        let colour = problem("name = \"x\"\n\n[roles]\ntext = { fg = \"white\" }\nerror = { fg = \"blu\" }\n")
        XCTAssertEqual(colour?.line, 5)
        XCTAssertTrue(colour!.message.contains("unknown colour 'blu'"), colour!.message)
        let role = problem("[roles]\n# comment\nfancy_border = { fg = \"red\" }\n")
        XCTAssertEqual(role?.line, 3)
        XCTAssertTrue(role!.message.contains("unknown role 'fancy_border'"))
        let index = problem("[roles.error]\nfg = \"red\"\nbg = 300\n")
        XCTAssertEqual(index?.line, 3)
        XCTAssertTrue(index!.message.contains("outside 0-255"))
        let attr = problem("[roles]\nerror = { attrs = [\"blink\"] }\n")
        XCTAssertEqual(attr?.line, 2)
        let hex = problem("[roles]\ntext = { fg = \"#12345\" }\n")
        XCTAssertTrue(hex!.description.hasPrefix("bad.toml:2: "))
    }

    func testNoColorGivesMonoAndMissingThemeFallsBack() {
        let mono = Theme.choose(name: "light", fileText: "name = \"light\"", fileName: "light.toml", environment: ["NO_COLOR": "1"])
        XCTAssertEqual(mono.theme, .builtInMono)
        XCTAssertTrue(mono.theme.isMonochrome)
        let empty = Theme.choose(name: nil, fileText: nil, fileName: nil, environment: ["NO_COLOR": ""])
        XCTAssertEqual(empty.theme, .builtInDefault, "an empty NO_COLOR does not count")
        let missing = Theme.choose(name: "nope", fileText: nil, fileName: nil, environment: [:])
        XCTAssertEqual(missing.theme, .builtInDefault)
        XCTAssertTrue(missing.problem!.contains("nope"))
        let broken = Theme.choose(name: "b", fileText: "roles = 3", fileName: "/x/b.toml", environment: [:])
        XCTAssertTrue(broken.problem!.hasPrefix("/x/b.toml:1: "), broken.problem!)
    }

    func testThemeFilesAreFoundInSearchDirectories() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-themes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let themes = dir.appendingPathComponent("synthpad/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try "name = \"ocean\"\n[roles]\nerror = { fg = \"blue\" }\n".write(
            to: themes.appendingPathComponent("ocean.toml"), atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": dir.path]
        let found = ThemeFiles.load(name: "ocean", environment: env, executablePath: nil)
        XCTAssertNil(found.problem)
        XCTAssertEqual(found.theme.name, "ocean")
        XCTAssertEqual(found.theme.look(.error).foreground, .indexed(4))
        XCTAssertEqual(ThemeFiles.load(name: "ocean", environment: env.merging(["NO_COLOR": "yes"]) { $1 },
                                       executablePath: nil).theme, .builtInMono)
    }

    func testShippedThemesReduceToEveryDepth() throws {
        for name in Theme.shippedNames {
            let text = try String(contentsOf: Self.themesDirectory.appendingPathComponent("\(name).toml"), encoding: .utf8)
            let theme = try Theme.parse(text, fileName: name)
            for role in ThemeRole.allCases {
                for depth in [ColorDepth.palette256, .basic8] {
                    let (fg, bg) = theme.look(role).colors(for: depth)
                    for c in [fg, bg] {
                        if case .rgb = c { XCTFail("\(name).\(role) keeps 24-bit colour at \(depth)") }
                        if case .indexed(let i) = c, depth == .basic8 { XCTAssertLessThan(i, 8, "\(name).\(role)") }
                    }
                }
            }
        }
        XCTAssertTrue(try Theme.parse(String(contentsOf: Self.themesDirectory.appendingPathComponent("mono.toml"),
                                                 encoding: .utf8), fileName: "mono").isMonochrome)
    }
}
