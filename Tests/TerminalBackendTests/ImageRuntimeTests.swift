import Foundation
import SynthKit
import SynthUI
import TestPeer
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

/// The runtime's side of the image screen: text_to_image sent, the JPEGs saved, the starting image read and
/// checked, a server's image engine found, pictures drawn as cells or as escapes after the frame.
final class ImageRuntimeTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-images-\(UUID().uuidString)")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func requests(_ peer: LoopbackPeer, log: EventLog) -> APIRequests {
        let configuration = PlaygroundConfiguration(
            backend: .textSynth(TextSynthClient(baseURL: peer.url)), backendName: "lab", hasCredits: false)
        return APIRequests(configuration: configuration) { log.record($0) }
    }

    private func imagesAnswer(_ images: [Data]) -> LoopbackPeer.Answer {
        let list = images.map { "{\"data\": \"\($0.base64EncodedString())\"}" }.joined(separator: ", ")
        return .init(pieces: ["{\"images\": [\(list)]}"])
    }

    func testGeneratedImagesAreSavedAndTheirPathsComeBack() throws {
        let jpeg = TestJPEG.gradient()
        let peer = try LoopbackPeer(answers: ["/v1/engines/stable_diffusion/text_to_image": imagesAnswer([jpeg, jpeg])])
        let log = EventLog()
        requests(peer, log: log).generateImages(.image(3), engine: "stable_diffusion",
                                                request: TextToImageRequest(prompt: "a fox", imageCount: 2),
                                                startImage: nil, directory: directory.path)
        let events = log.wait { !$0.isEmpty }
        guard case .imagesSaved(.image(3), let paths)? = events.first else { return XCTFail("\(events)") }
        XCTAssertEqual(paths.count, 2)
        XCTAssertEqual(paths.map { FileManager.default.contents(atPath: $0) }, [jpeg, jpeg])
        let sent = try XCTUnwrap(peer.requests.first?.body)
        XCTAssertTrue(sent.contains("\"prompt\":\"a fox\"") && sent.contains("\"image_count\":2"), sent)
    }

    func testAStartingImageThatIsNotAJPEGFailsWithoutSending() throws {
        let peer = try LoopbackPeer(answers: [:])
        let log = EventLog()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let notJPEG = directory.appendingPathComponent("photo.png")
        try Data("PNG?".utf8).write(to: notJPEG)
        requests(peer, log: log).generateImages(.image(1), engine: "stable_diffusion",
                                                request: TextToImageRequest(prompt: "x", strength: 0.5),
                                                startImage: notJPEG.path, directory: directory.path)
        XCTAssertEqual(log.wait { !$0.isEmpty }, [.requestFailed(
            request: .image(1),
            message: "start image \(notJPEG.path): not a JPEG image (it does not start with the JPEG marker FF D8)",
            status: nil)])
        XCTAssertTrue(peer.requests.isEmpty)
    }

    func testAnHTTPErrorComesBackWithItsStatus() throws {
        let peer = try LoopbackPeer(answers: ["/v1/engines/stable_diffusion/text_to_image": .init(
            status: 400, pieces: ["{\"error\": \"width must be 384, 512, 640 or 768\", \"status\": 400}"])])
        let log = EventLog()
        requests(peer, log: log).generateImages(.image(2), engine: "stable_diffusion",
                                                request: TextToImageRequest(prompt: "x"), startImage: nil,
                                                directory: directory.path)
        let events = log.wait { !$0.isEmpty }
        guard case .requestFailed(.image(2), let message, 400)? = events.first else { return XCTFail("\(events)") }
        XCTAssertTrue(message.contains("width must be 384, 512, 640 or 768"), message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path))
    }

    func testAServerListingAnImageEngineMakesItTheScreens() throws {
        let peer = try LoopbackPeer(answers: ["/v1/engines": .init(pieces: ["""
            {"engines": [{"id": "gptj_6B", "kind": "completion"}, {"id": "sdxl", "kind": "image"}]}
            """])])
        let log = EventLog()
        requests(peer, log: log).loadEngineDirectory(translation: false)
        XCTAssertTrue(log.wait { $0.count >= 3 }.contains(.image(.setAvailability(.available(engine: "sdxl")))))
    }

    func testPixelProtocolPicturesAreWrittenAfterTheFrameAndEraseWhenGone() throws {
        let file = try writeJPEG()
        let previewer = ImagePreviewer(mode: .kitty)
        var grid = CellGrid(columns: 30, rows: 10)
        // Small: the escape must fit the pipe the headless terminal writes to.
        grid.placeImage(file, in: Rect(x: 10, y: 1, width: 6, height: 3))
        let overlays = previewer.prepare(&grid)
        XCTAssertEqual(overlays.count, 1)
        XCTAssertEqual(overlays.first?.y, 1)
        XCTAssertTrue(overlays.first?.bytes.hasPrefix("\u{1B}_G") ?? false)
        XCTAssertEqual(grid.text, CellGrid(columns: 30, rows: 10).text, "no cells drawn under a pixel picture")

        // Painted on a headless terminal: the escape follows the frame, and goes (with a repaint) when the picture does.
        let (screen, output) = try headlessScreen()
        screen.paint(grid, graphics: overlays)
        let first = output.drain()
        XCTAssertTrue(first.contains("\u{1B}7\u{1B}[2;"), "cursor saved and moved to the picture's cell")
        XCTAssertTrue(first.contains("\u{1B}_G"))
        screen.paint(grid, graphics: overlays)
        XCTAssertFalse(output.drain().contains("\u{1B}_G"), "an unchanged picture is not sent again")
        screen.paint(CellGrid(columns: 30, rows: 10), graphics: [])
        XCTAssertTrue(output.drain().contains("\u{1B}_Ga=d\u{1B}\\"), "kitty's pictures erased when the screen changes")
        screen.close()
    }

    func testAFileThatCannotBeDecodedSaysSoInItsRectangle() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let broken = directory.appendingPathComponent("broken.jpg")
        try TestJPEG.gradient().prefix(300).write(to: broken)
        var grid = CellGrid(columns: 40, rows: 4)
        grid.placeImage(broken.path, in: Rect(x: 0, y: 0, width: 40, height: 4))
        XCTAssertEqual(ImagePreviewer(mode: .symbols).prepare(&grid), [])
        XCTAssertTrue(grid.text.hasPrefix("cannot show this image: damaged JPEG"), grid.text)
    }

    private func writeJPEG() throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("picture.jpg")
        try TestJPEG.gradient().write(to: file)
        return file.path
    }

    /// A curses screen on a pipe, and what it wrote.
    private func headlessScreen() throws -> (TerminalScreen, PipeReader) {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&input), 0)
        XCTAssertEqual(pipe(&output), 0)
        let screen = try TerminalScreen(theme: .builtInDefault, colors: .fixed(.palette256),
                                        device: .headless(terminalType: "xterm-256color", input: input[0], output: output[1]),
                                        environment: [:])
        return (screen, PipeReader(descriptor: output[0]))
    }
}

/// Reads what has been written to a pipe so far, without waiting for more.
final class PipeReader {
    private let descriptor: Int32
    init(descriptor: Int32) {
        self.descriptor = descriptor
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    func drain() -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension ImageRuntimeTests {
    func testTheLocalEnginesOwnExplanationIsKeptWhenItsListHasNoImageEngine() throws {
        let peer = try LoopbackPeer(answers: ["/v1/engines": .init(pieces: ["""
            {"engines": [{"id": "smollm2_135M", "kind": "completion"}]}
            """])])
        let log = EventLog()
        var configuration = PlaygroundConfiguration(
            backend: .textSynth(TextSynthClient(baseURL: peer.url)), backendName: "local", hasCredits: false)
        configuration.imageAvailability = .unavailable(GeneratedImageFiles.localEngineHasNoImageModel)
        APIRequests(configuration: configuration) { log.record($0) }.loadEngineDirectory(translation: false)
        let events = log.wait(timeout: 0.3) { $0.count > 2 }
        XCTAssertFalse(events.contains { if case .image = $0 { true } else { false } }, "\(events)")
    }
}
