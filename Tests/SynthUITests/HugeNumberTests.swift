// Issue #9.1: a huge number typed into a parameter crashed the playground (Int(Double) traps out of range).
import XCTest
import SynthKit
@testable import SynthUI

final class HugeNumberTests: XCTestCase {
    private func typeValue(_ text: String, into wireName: String, on state: inout AppState) {
        state.focusPane(.parameters)
        state.parameterCursor = state.parameterRows.firstIndex {
            if case .slider(let spec) = $0.row { return spec.wireName == wireName } else { return false }
        }!
        state.press(.enter)
        state.ctrl("u")
        state.type(text)
        state.press(.enter)
        state.press(.enter)  // the reporter pressed Enter twice: the second lands on the open input or reopens it
    }

    func testAHugeTemperatureIsTakenWithoutTrapping() {
        var s = AppState.sample()
        typeValue("1e308", into: "temperature", on: &s)
        XCTAssertEqual(s.parameters.sampling.temperature, 1e308, "temperature has no upper bound in the API")
        _ = render(s)  // drawing the value must not trap either
    }

    func testWholeNumbersBeyondTheWireLimitAreRejectedWithTheRange() {
        for (wireName, text) in [("max_tokens", "99999999999999999999"), ("seed", "1e19"), ("n", "1e300")] {
            var s = AppState.sample()
            let before = s.parameters.sampling
            typeValue(text, into: wireName, on: &s)
            XCTAssertEqual(s.parameters.sampling, before, "\(wireName) = \(text) must not be taken")
            XCTAssertNotNil(s.parameterInput, "the input stays open to fix the value")
            XCTAssertEqual(s.parameterNotice?.isError, true)
            XCTAssertTrue(s.parameterNotice?.text.contains("rejected") == true, s.parameterNotice?.text ?? "")
            _ = render(s)
        }
    }

    func testTheLimitItselfIsAccepted() {
        var s = AppState.sample()
        typeValue("2147483647", into: "seed", on: &s)
        XCTAssertEqual(s.parameters.sampling.seed, 2_147_483_647)
    }

    func testSettingAnyDoubleNeverTraps() {
        var values = ParameterValues()
        for spec in ParameterSpec.all + ParameterSpec.booste {
            for value in [1e308, -1e308, .infinity, -.infinity, .nan, 9.3e18, -9.3e18] { values.set(spec, to: value) }
        }
        XCTAssertEqual(Int(saturating: 1e300), .max)
        XCTAssertEqual(Int(saturating: -1e300), .min)
        XCTAssertEqual(Int(saturating: .nan), 0)
        XCTAssertEqual(Int(saturating: 2.5), 3)
    }

    func testValidationNamesTheLimit() {
        XCTAssertThrowsError(try SamplingParameters(maxTokens: 3_000_000_000).validate()) { error in
            XCTAssertEqual("\(error)", "max_tokens = 3000000000 is out of range (allowed ≥ 1, at most 2147483647)")
        }
    }
}
