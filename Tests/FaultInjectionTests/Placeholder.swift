import XCTest
// Replaced by the fault-injection suite.
final class FaultInjectionPlaceholder: XCTestCase { func testModuleLinks() {} }
