import ArgumentParser
import Foundation
import ImagePreview
import SynthKit

struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Generate images from a text prompt (stable_diffusion); writes JPEG files and prints their paths.")

    @Argument(help: "The prompt (only the first 75 tokens are used).")
    var prompt: [String] = []

    @Option(help: help(.imageCount)) var count: Int = 1
    @Option(help: "Width in pixels: 384, 512, 640 or 768 (width × height ≤ 393216). Default 512.") var width = 512
    @Option(help: "Height in pixels: 384, 512, 640 or 768. Default 512.") var height = 512
    @Option(help: help(.timesteps)) var steps: Int = 50
    @Option(help: help(.guidanceScale)) var guidance: Double = 7.5
    @Option(help: help(.imageSeed)) var seed: Int = 0
    @Option(help: "What the image should not show.") var negative: String?
    @Option(help: "A JPEG to start from (image-to-image).") var image: String?
    @Option(help: help(.strength)) var strength: Double?
    @Option(help: "Directory for the JPEG files (default: the config's image_directory, else the current one).")
    var outputDirectory: String?
    @Flag(help: "Also draw the saved images on the terminal.") var preview = false
    @Option(help: "How --preview draws: auto, kitty, iterm, sixel or symbols (default: the config's graphics, else auto).")
    var graphics: String?

    @OptionGroup var backendOptions: BackendOptions

    func validate() throws {
        if let graphics, GraphicsChoice(graphics) == nil {
            throw ArgumentParser.ValidationError(
                "--graphics \(graphics) is not one of \(GraphicsChoice.names.joined(separator: ", "))")
        }
        if strength != nil, image == nil {
            throw ArgumentParser.ValidationError("--strength applies to image-to-image: give the starting JPEG with --image")
        }
    }

    func run() async throws {
        let config = try backendOptions.loadConfig()
        var request = TextToImageRequest(prompt: try inputText(prompt, what: "prompt"), imageCount: count,
                                         width: width, height: height, timesteps: steps, guidanceScale: guidance,
                                         seed: seed, negativePrompt: negative, strength: strength)
        try request.validate()
        if let image { request.image = try Self.startingImage(image) }
        let graphicsChoice = try Self.graphicsChoice(option: graphics, config: config)
        // Said before any engine starts or anything is sent: there is nothing to pretend with.
        if try backendOptions.selectedBackend(in: config).kind == .local {
            throw CLIError.failed(GeneratedImageFiles.localEngineHasNoImageModel)
        }
        let client = try await backendOptions.resolve().textSynthClient(for: "image")
        let engine = backendOptions.engine ?? EngineCatalog.defaultImageEngine
        let ready = request
        let answer = try await cancellingOnInterrupt {
            try await client.textToImage(engine: engine, request: ready)
        }
        let paths: [String]
        do {
            paths = try GeneratedImageFiles.save(answer.images, in: outputDirectory ?? config.imageDirectory ?? ".")
        } catch {
            throw CLIError.failed(error.description)
        }
        let mode = graphicsChoice.resolve(environment: ProcessInfo.processInfo.environment)
        for path in paths {
            Output.line(path)
            if preview { try TerminalPreview.draw(path, mode: mode) }
        }
    }

    /// The `--image` file as bytes, checked to be a JPEG the server can take (the reference wants base64 JPEG).
    static func startingImage(_ path: String) throws -> Data {
        do {
            return try JPEGDecoder.readJPEG(path)
        } catch {
            throw CLIError.usage("--image \(path): \(error)")
        }
    }

    static func graphicsChoice(option: String?, config: SynthConfig) throws -> GraphicsChoice {
        guard let name = option ?? config.graphics else { return .auto }
        guard let choice = GraphicsChoice(name) else {
            throw CLIError.usage("graphics \"\(name)\" in the config is not one of \(GraphicsChoice.names.joined(separator: ", "))")
        }
        return choice
    }
}
