import XCTest
import SynthKit
@testable import SynthUI
import SynthRuntime

/// The session file is written in pieces (so a long output is not copied whole into memory on each autosave);
/// these check the pieces add up to exactly what JSONEncoder writes, so every existing reader keeps working.
final class SessionJSONWriterTests: XCTestCase {
    private func encodedByJSONEncoder(_ session: Session) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(session)
    }

    private func session(prompt: String = "Once", outputs: [String]) -> Session {
        var parameters = SamplingParameters.defaults
        parameters.logitBias = [7: -100]
        return Session(backend: "url", engine: "gptj_6B", prompt: prompt, parameters: parameters,
                       biasWords: [7: "ham \"and\" eggs"], outputs: outputs, selectedOutput: outputs.count > 1 ? 1 : 0)
    }

    func testSameBytesAsJSONEncoderForEveryKindOfCharacter() throws {
        let awkward = "quote \" backslash \\ slash / tab\t cr\r lf\n bell\u{7} nul\u{0} unit\u{1f} del\u{7f} "
            + "é 中文 🙂 \u{2028} e\u{301}"
        let cases = [
            session(outputs: []),
            session(outputs: [""]),
            session(outputs: [awkward]),
            session(outputs: [" a", "", awkward, "last"]),
            // A prompt that spells the key the writer looks for must not confuse it.
            session(prompt: "\"outputs\" : [ ] and \\\"outputs\\\" : [", outputs: ["x", "y"]),
        ]
        for session in cases {
            let expected = try encodedByJSONEncoder(session)
            let written = try SessionFile.encode(session)
            XCTAssertEqual(String(decoding: written, as: UTF8.self), String(decoding: expected, as: UTF8.self))
            XCTAssertEqual(try SessionFile.decode(written), session)
        }
    }

    func testLongOutputGoesOutInBoundedPieces() throws {
        // Several buffers' worth, with escapes straddling the buffer boundaries.
        let line = String(repeating: "lorem ipsum \"dolor\"/sit", count: 40) + "\n"
        let long = String(repeating: line, count: 300)
        let session = session(outputs: [long, "second"])
        var pieces: [Int] = []
        var written = Data()
        try SessionJSONWriter.write(session) { raw in
            pieces.append(raw.count)
            written.append(contentsOf: raw)
        }
        XCTAssertGreaterThan(pieces.count, long.utf8.count / SessionJSONWriter.bufferSize)
        // An escape may run a few bytes past a full buffer; nothing near the output's size is ever held.
        XCTAssertLessThanOrEqual(pieces.max() ?? 0, SessionJSONWriter.bufferSize + 8)
        XCTAssertEqual(written, try encodedByJSONEncoder(session))
    }

    func testSavedLongOutputLoadsBack() throws {
        let long = String(repeating: "word \"quoted\" 中文\n", count: 20_000)
        let session = session(outputs: [long])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("session.json").path
        try SessionFile.save(session, to: path)
        XCTAssertEqual(try SessionFile.load(from: path), session)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["session.json"])
    }

    func testFindsOnlyTheTopLevelOutputsArray() {
        let skeleton = Array("{\n  \"outputs\" : [\n\n  ],\n  \"prompt\" : \"\\\"outputs\\\" : [\"\n}".utf8)
        let found = SessionJSONWriter.emptyOutputsArray(in: skeleton)
        XCTAssertEqual(found?.open, 16)
        XCTAssertEqual(found.map { skeleton[$0.close] }, UInt8(ascii: "]"))
        XCTAssertNil(SessionJSONWriter.emptyOutputsArray(in: Array("{\"outputs\":[]}".utf8)), "another layout: no splice")
    }
}
