import Foundation
import ImagePreview
import TestPeer
import XCTest

/// `synthpad image`, run as a real process against the scripted peer (a test double) answering real JPEGs.
final class ImageCommandTests: PeerCLITestCase {
    private let path = "/v1/engines/stable_diffusion/text_to_image"
    private var outputDirectory: URL { synthpad.home.appendingPathComponent("pictures") }

    private func answer(_ images: [Data]) -> PeerResponse {
        .json(["images": images.map { ["data": $0.base64EncodedString()] }])
    }

    /// A real JPEG written in the test's home, for --image.
    private func startingJPEG() throws -> URL {
        let url = synthpad.home.appendingPathComponent("start.jpg")
        try TestJPEG.gradient(width: 32, height: 32).write(to: url)
        return url
    }

    func testSavesTheAnsweredJPEGsAndSendsEveryField() throws {
        let first = TestJPEG.gradient(width: 64, height: 48), second = TestJPEG.gradient(width: 48, height: 64)
        peer.route(path, answer([first, second]))
        let result = try synthpad.run([
            "image", "--url", peer.baseURL, "--count", "2", "--width", "768", "--height", "512", "--steps", "30",
            "--guidance", "9", "--seed", "7", "--negative", "blurry", "--output-directory", outputDirectory.path,
            "a red fox in snow",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let paths = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(paths.count, 2, result.stdout)
        XCTAssertEqual(paths.map { FileManager.default.contents(atPath: $0) }, [first, second])
        for path in paths {
            XCTAssertTrue(path.hasPrefix(outputDirectory.path + "/synthpad-") && path.hasSuffix(".jpg"), path)
            XCTAssertEqual(try JPEGDecoder.decode(contentsOf: path).width > 0, true)
        }
        let body = try XCTUnwrap(peer.requests(to: path).first?.json)
        XCTAssertEqual(body["prompt"] as? String, "a red fox in snow")
        XCTAssertEqual(body["image_count"] as? Int, 2)
        XCTAssertEqual(body["width"] as? Int, 768)
        XCTAssertEqual(body["height"] as? Int, 512)
        XCTAssertEqual(body["timesteps"] as? Int, 30)
        XCTAssertEqual(body["guidance_scale"] as? Double, 9)
        XCTAssertEqual(body["seed"] as? Int, 7)
        XCTAssertEqual(body["negative_prompt"] as? String, "blurry")
        XCTAssertNil(body["image"])
        XCTAssertNil(body["strength"])
    }

    func testASecondRunNeverOverwritesTheFirst() throws {
        peer.route(path, answer([TestJPEG.gradient()]))
        let arguments = ["image", "--url", peer.baseURL, "--output-directory", outputDirectory.path, "a cat"]
        let first = try synthpad.run(arguments), second = try synthpad.run(arguments)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertNotEqual(first.stdout, second.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outputDirectory.path).count, 2)
    }

    func testImageToImageSendsTheFileAsBase64WithTheStrength() throws {
        let start = try startingJPEG()
        peer.route(path, answer([TestJPEG.gradient()]))
        let result = try synthpad.run(["image", "--url", peer.baseURL, "--image", start.path, "--strength", "0.3",
                                       "--output-directory", outputDirectory.path, "the same, at night"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let body = try XCTUnwrap(peer.requests(to: path).first?.json)
        XCTAssertEqual(body["image"] as? String, try Data(contentsOf: start).base64EncodedString())
        XCTAssertEqual(body["strength"] as? Double, 0.3)
    }

    func testStrengthOutOfRangeFailsBeforeAnyNetworkTraffic() throws {
        let start = try startingJPEG()
        let result = try synthpad.run(["image", "--url", peer.baseURL, "--image", start.path, "--strength", "1.5", "x"])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stderr, "synthpad: strength = 1.5 is out of range (allowed 0…1)\n")
        XCTAssertTrue(peer.requests.isEmpty, "an invalid request reached the network")
    }

    func testStrengthWithoutAnImageIsRefused() throws {
        let result = try synthpad.run(["image", "--url", peer.baseURL, "--strength", "0.5", "x"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("--strength applies to image-to-image"), result.stderr)
        XCTAssertTrue(peer.requests.isEmpty)
    }

    func testMissingOrNonJPEGImageFileFailsBeforeAnyNetworkTraffic() throws {
        let missing = synthpad.home.appendingPathComponent("nowhere.jpg").path
        let absent = try synthpad.run(["image", "--url", peer.baseURL, "--image", missing, "x"])
        XCTAssertEqual(absent.status, 64)
        XCTAssertEqual(absent.stderr, "synthpad: --image \(missing): cannot read \(missing): no such file or not readable\n")
        let text = synthpad.home.appendingPathComponent("notes.jpg")
        try Data("hello".utf8).write(to: text)
        let notJPEG = try synthpad.run(["image", "--url", peer.baseURL, "--image", text.path, "x"])
        XCTAssertEqual(notJPEG.status, 64)
        XCTAssertTrue(notJPEG.stderr.contains("not a JPEG image"), notJPEG.stderr)
        XCTAssertTrue(peer.requests.isEmpty)
    }

    func testLocalEngineSaysPlainlyItHasNoImageModel() throws {
        let result = try synthpad.run(["image", "--backend", "local", "--output-directory", outputDirectory.path, "x"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            synthpad: the local engine has no image model, so it cannot make images; use TextSynth's cloud (set \
            TEXTSYNTH_API_KEY, or --backend textsynth) or a server with an image engine (--url URL)

            """)
        XCTAssertEqual(result.stdout, "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: outputDirectory.path), "nothing is pretended")
    }

    func testHTTPErrorIsStatusAndMessageAndSavesNothing() throws {
        peer.route(path, .error(400, "prompt is too long"))
        let result = try synthpad.run(["image", "--url", peer.baseURL, "--output-directory", outputDirectory.path, "x"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("400") && result.stderr.contains("prompt is too long"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: outputDirectory.path))
    }

    func testPreviewDrawsEachSavedImageInTheChosenProtocol() throws {
        peer.route(path, answer([TestJPEG.gradient()]))
        let symbols = try synthpad.run(["image", "--url", peer.baseURL, "--output-directory", outputDirectory.path,
                                        "--preview", "--graphics", "symbols", "a fox"])
        XCTAssertEqual(symbols.status, 0, symbols.stderr)
        let lines = symbols.stdout.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasSuffix(".jpg") ?? false, symbols.stdout)
        XCTAssertTrue(symbols.stdout.contains("\u{1B}[38;2;"), "24-bit colour block symbols")
        let kitty = try synthpad.run(["image", "--url", peer.baseURL, "--output-directory", outputDirectory.path,
                                      "--preview", "--graphics", "kitty", "a fox"])
        XCTAssertEqual(kitty.status, 0, kitty.stderr)
        XCTAssertTrue(kitty.stdout.contains("\u{1B}_G"), "kitty graphics escape")
    }

    func testUnknownGraphicsModeIsRefused() throws {
        let result = try synthpad.run(["image", "--url", peer.baseURL, "--graphics", "png", "x"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("--graphics png is not one of auto, kitty, iterm, sixel, symbols"), result.stderr)
    }
}
