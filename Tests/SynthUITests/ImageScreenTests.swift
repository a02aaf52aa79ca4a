import Foundation
import XCTest
import SynthKit
import TestPeer
@testable import SynthUI
@testable import SynthRuntime

/// The image screen (Alt-5): its keys, the request it asks for, what it shows of saved files, errors and the local
/// engine, its session, and its golden screens (the symbol-mode picture included, drawn by the runtime's previewer).
final class ImageScreenTests: XCTestCase {
    private static let altFive = KeyPress(.character("5"), .alt)
    private let savedPaths = ["pictures/synthpad-20261203-211500-1.jpg", "pictures/synthpad-20261203-211500-2.jpg"]

    private func imageScreen(columns: Int = 80, rows: Int = 24) -> AppState {
        var s = AppState.sample(columns: columns, rows: rows)
        s.send(.image(.setDirectory("pictures")))
        s.send(.key(Self.altFive))
        return s
    }

    private func generated(_ effects: [Effect]) -> (RequestKey, String, TextToImageRequest, String?, String)? {
        for effect in effects {
            if case .generateImages(let key, let engine, let request, let start, let directory) = effect {
                return (key, engine, request, start, directory)
            }
        }
        return nil
    }

    func testAltFiveOpensItFromEveryScreenAndEscReturns() {
        for opener in [KeyPress(.function(2)), KeyPress(.function(3)), KeyPress(.character("4"), .alt), nil] {
            var s = AppState.sample()
            if let opener { s.send(.key(opener)) }
            s.send(.key(Self.altFive))
            XCTAssertEqual(s.mode, .image, "from \(String(describing: opener))")
            s.press(.escape)
            XCTAssertEqual(s.mode, .playground)
        }
        var s = imageScreen()
        s.send(.key(Self.altFive))
        XCTAssertEqual(s.mode, .image, "Alt-5 shows the image screen, as Alt-1…Alt-4 show theirs")
        s.send(.key(KeyPress(.character("1"), .alt)))
        XCTAssertEqual(s.mode, .playground)
        XCTAssertTrue(AppState.appKeys.helpGroup.lines.contains(HelpLine("Alt-5", "images")))
    }

    func testRunAsksForEveryFieldAndShowsWhereEachImageWasSaved() throws {
        var s = imageScreen()
        s.type("a red fox in snow")
        s.press(.tab)
        s.type("blurry")
        s.press(.tab)
        s.press(.right)                       // width 512 → 640
        s.press(.down); s.press(.down)        // images
        s.press(.right)                       // 1 → 2
        s.press(.down)                        // steps
        s.press(.pageUp)                      // 50 → 60
        s.press(.down); s.press(.down)        // seed
        s.type("42")
        s.press(.enter)
        let effects = s.press(.function(5))
        let (key, engine, request, start, directory) = try XCTUnwrap(generated(effects), "\(effects)")
        XCTAssertEqual(key, .image(1))
        XCTAssertEqual(engine, "stable_diffusion")
        XCTAssertEqual(request, TextToImageRequest(prompt: "a red fox in snow", imageCount: 2, width: 640, height: 512,
                                                   timesteps: 60, guidanceScale: 7.5, seed: 42, negativePrompt: "blurry"))
        XCTAssertNil(start)
        XCTAssertEqual(directory, "pictures")
        XCTAssertTrue(s.isBusy)
        XCTAssertTrue(s.screen.contains("Generating 2 images of 640×512"), s.screen)

        s.send(.imagesSaved(request: .image(1), paths: savedPaths))
        XCTAssertFalse(s.isBusy)
        let grid = render(s)
        XCTAssertTrue(grid.text.contains("1 pictures/synthpad-20261203-211500-1.jpg"), grid.text)
        XCTAssertTrue(grid.text.contains("saved 2 images in pictures"), grid.text)
        XCTAssertEqual(grid.images.map(\.path), [savedPaths[0]], "the screen asks for the first picture")
        s.press(.function(8))
        XCTAssertEqual(render(s).images.map(\.path), [savedPaths[1]])
        // On a backend that prices nothing, the balance measured after the run says what it cost.
        s.send(.creditsMeasured(request: .image(1), change: -0.25))
        XCTAssertTrue(s.screen.contains("saved 2 images in pictures · 0.2500 credits"), s.screen)
    }

    func testAFailureShowsStatusAndMessageAndKeepsPromptAndParameters() {
        var s = imageScreen()
        s.type("a lighthouse")
        s.press(.tab); s.press(.tab)
        s.press(.right)
        s.press(.function(5))
        s.send(.requestFailed(request: .image(1), message: "the prompt is too long", status: 400))
        XCTAssertTrue(s.screen.contains("400 rejected: the prompt is too long"), s.screen)
        XCTAssertEqual(s.image.prompt.text, "a lighthouse")
        XCTAssertEqual(s.image.width, 640)
        XCTAssertFalse(s.isBusy)
        XCTAssertNotNil(generated(s.press(.function(5))), "F5 tries again with the same prompt")
    }

    func testTheLocalEngineSaysSoAndSendsNothing() {
        var s = imageScreen()
        s.send(.image(.setAvailability(.unavailable(GeneratedImageFiles.localEngineHasNoImageModel))))
        s.type("a fox")
        XCTAssertTrue(s.screen.contains("No images here: the local engine has no"), s.screen)
        let effects = s.press(.function(5))
        XCTAssertNil(generated(effects))
        XCTAssertEqual(s.image.notice?.isError, true)
        XCTAssertTrue(s.screen.contains("(no image engine)"), "the status bar names no engine")
    }

    func testTypedValuesAreCheckedAndAStartingImageEnablesStrength() throws {
        var s = imageScreen()
        s.type("x")
        s.press(.tab); s.press(.tab)
        s.press(.enter)                                   // width
        s.press(.backspace); s.press(.backspace); s.press(.backspace)
        s.type("500")
        s.press(.enter)
        XCTAssertTrue(s.screen.contains("500 rejected: width must be one of 384, 512, 640, 768"), s.screen)
        XCTAssertNotNil(s.image.input, "the typed line stays open to fix")
        s.press(.escape)
        XCTAssertNil(s.image.input)
        XCTAssertEqual(s.mode, .image, "Esc closed the line, not the screen")
        for _ in 0..<3 { s.press(.down) }                 // steps
        s.type("0")
        s.press(.enter)
        XCTAssertTrue(s.screen.contains("0 rejected: Diffusion steps must be"), s.screen)
        s.press(.escape)
        for _ in 0..<5 { s.press(.down) }
        XCTAssertEqual(s.image.selectedRow, .startImage, "strength is skipped while there is no starting image")
        s.press(.enter)
        s.type("photos/cat.jpg")
        s.press(.enter)
        s.press(.down)
        XCTAssertEqual(s.image.selectedRow, .strength)
        s.press(.left)
        let (_, _, request, start, _) = try XCTUnwrap(generated(s.press(.function(5))))
        XCTAssertEqual(start, "photos/cat.jpg")
        XCTAssertEqual(request.strength, 0.45)
    }

    func testCancelKeepsTheScreenAndItsInputs() {
        var s = imageScreen()
        s.type("a fox")
        s.press(.function(5))
        let effects = s.press(.escape)
        XCTAssertEqual(effects, [.cancelRequest(.image(1))])
        XCTAssertEqual(s.mode, .image)
        XCTAssertEqual(s.image.prompt.text, "a fox")
        s.send(.imagesSaved(request: .image(1), paths: savedPaths))
        XCTAssertEqual(s.image.saved, [], "a cancelled request's late answer is dropped")
    }

    func testPromptsAndParametersSurviveARestart() throws {
        var s = imageScreen()
        s.type("a fox")
        s.press(.tab)
        s.type("rain")
        s.press(.tab)
        s.press(.left)                                    // width 384
        let data = try JSONEncoder().encode(s.modesSession)
        var restored = AppState.sample()
        restored.restore(try JSONDecoder().decode(ModesSession.self, from: data))
        XCTAssertEqual(restored.image.prompt.text, "a fox")
        XCTAssertEqual(restored.image.negative.text, "rain")
        XCTAssertEqual(restored.image.width, 384)
        // A session from before the image screen has no image entry and still loads.
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        json["image"] = nil
        XCTAssertNoThrow(try JSONDecoder().decode(ModesSession.self, from: JSONSerialization.data(withJSONObject: json)))
    }

    func testImageScreenGolden80x24() {
        var s = imageScreen()
        s.type("a red fox in snow, watercolour")
        s.press(.tab)
        s.type("blurry")
        s.press(.tab)
        s.press(.function(5))
        s.send(.imagesSaved(request: .image(1), paths: savedPaths))
        GoldenFile.assertMatches(render(s), named: "image-80x24")
    }

    func testHelpListsTheImageKeys() {
        var s = imageScreen()
        s.press(.function(1))
        let help = s.helpPagesText()
        for expected in ["Alt-5", "generate", "Image parameters", "type a value / file", "next image"] {
            XCTAssertTrue(help.contains(expected), "help lacks \(expected)")
        }
        var first = imageScreen()
        first.press(.function(1))
        GoldenFile.assertMatches(render(first), named: "image-help-80x24")
    }

    func testDrawsAtEverySizeWithoutLosingInputs() {
        var s = imageScreen(columns: 120, rows: 40)
        s.type("a fox")
        for (columns, rows) in [(40, 12), (30, 10), (60, 20), (200, 60), (80, 24)] {
            s.send(.resize(columns: columns, rows: rows))
            _ = render(s)
        }
        XCTAssertEqual(s.image.prompt.text, "a fox")
        XCTAssertTrue(s.screen.contains("a fox"))
    }

    func testLocalEngineGolden80x24() {
        var s = imageScreen()
        s.send(.image(.setAvailability(.unavailable(GeneratedImageFiles.localEngineHasNoImageModel))))
        GoldenFile.assertMatches(render(s), named: "image-local-80x24")
    }

    /// The picture as the runtime draws it in symbol mode: block characters with the picture's colours, as cells.
    func testSymbolPreviewGolden() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("gradient.jpg")
        try TestJPEG.gradient(width: 64, height: 48).write(to: file)
        var grid = CellGrid(columns: 24, rows: 8)
        grid.placeImage(file.path, in: Rect(x: 2, y: 1, width: 20, height: 6))
        XCTAssertEqual(ImagePreviewer(mode: .symbols).prepare(&grid), [])
        XCTAssertTrue(grid[12, 3].style.colors != nil, "the picture's cells carry their colours")
        GoldenFile.assertMatches(grid, named: "image-preview-symbols-24x8", colors: true)
    }
}
