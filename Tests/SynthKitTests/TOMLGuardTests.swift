import SynthKit
import XCTest

/// TOMLKit aborts the process on a few typos; the guard must catch exactly those, never valid TOML.
final class TOMLGuardTests: XCTestCase {
    func testValidTOMLPassesEvenWithBracketsInStringsAndComments() {
        let valid = """
            # [not a header]  x = [}
            default_backend = "cloud"
            title = "[.weird] and [} inside a string"
            literal = '[é]'
            multi = \"\"\"
            [.also inside] x = [}
            \"\"\"
            stop = ["\\n\\n", "]", "[}"]
            nested = [[1, 2], [3]]
            spread = [
              "a",
              "b",
            ]
            inline = { a = 1, b = [2] }

            [backends.cloud]
            kind = "textsynth"

            [[list]]
            name = "x"
            [ "quoted key" ]
            """
        XCTAssertNil(TOMLGuard.abortingConstruct(in: valid).map { "\($0)" })
    }

    func testHeaderTyposAreFoundWithTheirLine() {
        for header in ["[.backends]", "[=x]", "[%]", "[é]", "[[[x]]]", "["] {
            let text = "theme = \"x\"\n\n\(header)\nkind = 1\n"
            let problem = TOMLGuard.abortingConstruct(in: text)
            XCTAssertEqual(problem?.line, 3, "missed \(header)")
        }
    }

    func testClosingBraceWhereAnArrayElementBelongsIsFound() {
        XCTAssertEqual(TOMLGuard.abortingConstruct(in: "a = 1\nstop = [\"\\n\\n\",}\n")?.line, 2)
        XCTAssertEqual(TOMLGuard.abortingConstruct(in: "x = [}")?.line, 1)
        XCTAssertEqual(TOMLGuard.abortingConstruct(in: "x = [\n\n  }")?.line, 3)
    }

    func testConfigWithATypoIsAnErrorNamingFileAndLine() {
        XCTAssertThrowsError(try SynthConfig.parse("default_backend = \"textsynth\"\n[.backends]\n", file: "c.toml")) { error in
            XCTAssertEqual("\(error)", "c.toml:2: invalid table header: a key must follow \"[\"")
        }
    }
}
