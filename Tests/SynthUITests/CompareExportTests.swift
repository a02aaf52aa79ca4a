import XCTest
import SynthKit
@testable import SynthUI

final class CompareExportTests: XCTestCase {
    func finishedComparison() -> CompareState {
        var s = CompareState.sample(count: 2, prompt: "Say | hi")
        s.send(.applySweep(ParameterSweep(spec: .temperature, from: 0.2, to: 1.2, count: 3, seed: 9)))
        let runs = s.runAll()
        s.send(.chunk(columnID: runs[0].column, requestID: runs[0].request, text: "Hello there"))
        s.send(.chunk(columnID: runs[1].column, requestID: runs[1].request, text: "Hello ```code```"))
        s.send(.finished(columnID: runs[0].column, requestID: runs[0].request,
                         stats: CompletionStats(inputTokens: 3, outputTokens: 2, finishReason: "stop",
                                                timeToFirstToken: 0.1, totalTime: 0.6)))
        s.send(.failed(columnID: runs[2].column, requestID: runs[2].request, message: "slow down", status: 429))
        return s
    }

    func testMarkdownHoldsPromptVariantsOutputsAndStats() {
        let md = CompareExport.markdown(finishedComparison())
        XCTAssertTrue(md.hasPrefix("# Comparison\n\n## Prompt\n\n```text\nSay | hi\n```\n"), md)
        XCTAssertTrue(md.contains("Sweep of `temperature` from 0.2 to 1.2, seed 9."))
        XCTAssertTrue(md.contains("| 1 | textsynth | gptj_6B | 60 | 0.2 | 40 | 0.9 | 1 | 0 | 0 | 1 | 1 | 9 | 2 | – | stop | 0.000070 |"),
                      md)
        XCTAssertTrue(md.contains("| 3 | textsynth | gptj_6B | 60 | 1.2 |"))
        XCTAssertTrue(md.contains("### 2. gptj_6B, temperature = 0.7\n\nDeparts from the others at character 7.\n\n````text\nHello ```code```\n````\n"),
                      md)
        XCTAssertTrue(md.contains("**Error:** 429 rate limited: slow down"))
    }

    func testJSONRoundTripsThroughTheRecord() throws {
        let s = finishedComparison()
        let data = CompareExport.json(s)
        let record = try JSONDecoder().decode(CompareRecord.self, from: data)
        XCTAssertEqual(record, CompareExport.record(s))
        XCTAssertEqual(record.prompt, "Say | hi")
        XCTAssertEqual(record.sweep, CompareRecord.Sweep(parameter: "temperature", from: 0.2, to: 1.2, seed: 9))
        XCTAssertEqual(record.columns.map(\.output), ["Hello there", "Hello ```code```", ""])
        XCTAssertEqual(record.columns[0].stats?.outputTokens, 2)
        XCTAssertEqual(record.columns[1].parameters.temperature, 0.7, accuracy: 1e-9)
        XCTAssertEqual(record.columns[2].error, "429 rate limited: slow down")
        XCTAssertEqual(record.columns[1].departsAt, 6)
        // Wire names, as the API spells them.
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"max_tokens\" : 60"), text)
    }
}
