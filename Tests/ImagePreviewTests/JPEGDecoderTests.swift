import Foundation
import ImagePreview
import TestPeer
import XCTest

final class JPEGDecoderTests: XCTestCase {
    func testDecodesARealJPEGToItsSizeAndColours() throws {
        let image = try JPEGDecoder.decode(TestJPEG.gradient(width: 64, height: 48))
        XCTAssertEqual(image.width, 64)
        XCTAssertEqual(image.height, 48)
        XCTAssertEqual(image.rgba.count, 64 * 48 * 4)
        // Top-left is dark red with strong blue; bottom-right is red + green without blue (JPEG is lossy: ranges).
        let topLeft = Array(image.rgba[0..<4])
        let last = (47 * 64 + 63) * 4
        let bottomRight = Array(image.rgba[last..<last + 4])
        XCTAssertLessThan(topLeft[0], 40)
        XCTAssertGreaterThan(topLeft[2], 180)
        XCTAssertGreaterThan(bottomRight[0], 215)
        XCTAssertGreaterThan(bottomRight[1], 215)
        XCTAssertLessThan(bottomRight[2], 70)
        XCTAssertEqual(topLeft[3], 255)
    }

    func testTruncatedJPEGIsAClearErrorNotACrash() {
        let whole = TestJPEG.gradient(width: 64, height: 48)
        for keep in [whole.count / 2, whole.count - 40, 200] {
            XCTAssertThrowsError(try JPEGDecoder.decode(whole.prefix(keep)), "kept \(keep) bytes") { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix("damaged JPEG"), message)
            }
        }
    }

    func testDamagedDataIsAClearError() {
        var damaged = TestJPEG.gradient()
        // Overwrite the middle of the entropy-coded data and part of the tables with garbage markers.
        for i in stride(from: 20, to: damaged.count - 2, by: 7) { damaged[i] = 0xFF }
        XCTAssertThrowsError(try JPEGDecoder.decode(damaged)) { error in
            XCTAssertTrue("\(error)".contains("damaged JPEG"), "\(error)")
        }
    }

    func testNotAJPEGAtAllSaysSo() {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        XCTAssertThrowsError(try JPEGDecoder.size(of: png)) { error in
            XCTAssertEqual("\(error)", "not a JPEG image (it does not start with the JPEG marker FF D8)")
        }
        XCTAssertThrowsError(try JPEGDecoder.decode(Data())) { error in
            XCTAssertTrue("\(error)".hasPrefix("not a JPEG image"))
        }
    }

    func testMissingFileNamesIt() {
        XCTAssertThrowsError(try JPEGDecoder.decode(contentsOf: "no-such-dir/none.jpg")) { error in
            XCTAssertEqual("\(error)", "cannot read no-such-dir/none.jpg: no such file or not readable")
        }
    }

    func testHeaderSizeWithoutDecoding() throws {
        let size = try JPEGDecoder.size(of: TestJPEG.gradient(width: 40, height: 24))
        XCTAssertEqual(size.width, 40)
        XCTAssertEqual(size.height, 24)
    }
}
