import Foundation
import SynthKit
import SynthUI
import XCTest
@testable import SynthRuntime

/// What each request cost on a backend that reports a balance but no price: asks are serialised, and a change
/// belongs to a request only when it alone ended between two asks.
final class CreditsMeterTests: XCTestCase {
    func testEachRequestThatEndsAloneIsMeasured() {
        var meter = CreditsMeter()
        XCTAssertTrue(meter.wantBalance(), "the first balance")
        XCTAssertNil(meter.answered(10).measured)
        XCTAssertTrue(meter.requestEnded(.compare(1)))
        let first = meter.answered(9.5)
        XCTAssertEqual(first.measured?.0, .compare(1))
        XCTAssertEqual(first.measured?.1, -0.5)
        XCTAssertFalse(first.askAgain)
        XCTAssertTrue(meter.requestEnded(.compare(2)))
        XCTAssertEqual(meter.answered(9.25).measured?.1, -0.25)
    }

    func testRequestsEndingWhileAnAskIsInFlightWaitForTheNextAsk() {
        var meter = CreditsMeter()
        _ = meter.wantBalance()
        _ = meter.answered(10)
        XCTAssertTrue(meter.requestEnded(.compare(1)))
        XCTAssertFalse(meter.requestEnded(.compare(2)), "one ask at a time")
        let first = meter.answered(9)  // covers column 1 alone (billed when it ended, before the ask)
        XCTAssertEqual(first.measured?.0, .compare(1))
        XCTAssertTrue(first.askAgain, "column 2 ended meanwhile")
        let second = meter.answered(8.5)
        XCTAssertEqual(second.measured?.0, .compare(2))
        XCTAssertEqual(second.measured?.1, -0.5)
    }

    func testRequestsEndingTogetherAreNotAttributed() {
        var meter = CreditsMeter()
        _ = meter.wantBalance()
        XCTAssertFalse(meter.requestEnded(.compare(1)))
        XCTAssertFalse(meter.requestEnded(.compare(2)))
        XCTAssertNil(meter.answered(10).measured)  // the first balance: nothing to compare with
        let both = meter.answered(9)
        XCTAssertNil(both.measured, "two requests in one change cannot be told apart")
        XCTAssertTrue(meter.requestEnded(.translate(3)))
        XCTAssertEqual(meter.answered(8).measured?.0, .translate(3))
    }

    func testAFailedAskBreaksTheChain() {
        var meter = CreditsMeter()
        _ = meter.wantBalance()
        _ = meter.answered(10)
        _ = meter.requestEnded(.compare(1))
        XCTAssertNil(meter.answered(nil).measured)
        _ = meter.requestEnded(.compare(2))
        XCTAssertNil(meter.answered(8).measured, "the change since 10 includes column 1's cost")
        _ = meter.requestEnded(.compare(3))
        XCTAssertEqual(meter.answered(7.5).measured?.1, -0.5)
    }

    func testARefreshWhileAnAskIsInFlightSendsNoSecondOne() {
        var meter = CreditsMeter()
        XCTAssertTrue(meter.wantBalance())
        XCTAssertFalse(meter.wantBalance())
        XCTAssertFalse(meter.answered(10).askAgain)
    }
}
