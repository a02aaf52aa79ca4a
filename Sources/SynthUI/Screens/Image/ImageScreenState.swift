// The image screen as one value: the prompts, the parameters of text_to_image, and what the last run saved.
import SynthKit

/// One row of the image screen's parameters.
public enum ImageRow: Sendable, Equatable, CaseIterable {
    case width, height, count, steps, guidance, seed, startImage, strength

    /// The spec of a numeric row (width and height take one of the allowed sides instead).
    var spec: ParameterSpec? {
        switch self {
        case .count: .imageCount
        case .steps: .timesteps
        case .guidance: .guidanceScale
        case .seed: .imageSeed
        case .strength: .strength
        case .width, .height, .startImage: nil
        }
    }
}

/// A line typed under the parameters: a value for a numeric row, or the starting image's file name.
public struct ImageInput: Sendable, Equatable {
    public var row: ImageRow
    public var line: PromptEditor
}

public struct ImageScreenState: Sendable, Equatable {
    public enum Focus: Sendable, Equatable, CaseIterable {
        case prompt, negative, parameters
    }

    public var prompt = PromptEditor()
    public var negative = PromptEditor()
    public var focus: Focus = .prompt

    // The request's parameters (the reference's defaults).
    public var width = 512
    public var height = 512
    public var imageCount = 1
    public var timesteps = 50
    public var guidanceScale = 7.5
    public var seed = 0
    public var strength = ParameterSpec.strength.defaultValue
    /// A JPEG file to start from (image-to-image); nil: text to image.
    public var startImage: String?

    public var parameterCursor = 0
    /// A value or a file name being typed for the selected row.
    public var input: ImageInput?

    public var availability: ImageAvailability
    public var directory: String
    /// The request in flight.
    public internal(set) var running: Int?
    public internal(set) var retryNote: String?
    /// Files the last run saved, and the one previewed.
    public internal(set) var saved: [String] = []
    /// The request that made them, and what it cost once the balance said.
    public internal(set) var savedBy: Int?
    public internal(set) var cost: Double?
    public var shown = 0
    public var notice: Notice?
    public internal(set) var viewRect: Rect = .zero
    var nextRequestID: Int

    public init(availability: ImageAvailability = .available(engine: EngineCatalog.defaultImageEngine),
                directory: String = ".", firstRequestID: Int = 1) {
        self.availability = availability
        self.directory = directory
        self.nextRequestID = firstRequestID
    }

    public var isRunning: Bool { running != nil }

    /// The save directory as sentences name it ("." reads as the current directory).
    var directoryName: String { directory == "." ? "the current directory" : directory }

    /// Whether a row takes keys now (strength only matters when starting from an image).
    func isEnabled(_ row: ImageRow) -> Bool { row != .strength || startImage != nil }

    public var selectedRow: ImageRow { ImageRow.allCases[min(max(0, parameterCursor), ImageRow.allCases.count - 1)] }

    /// The request the screen would send now (without the starting image's bytes: the runtime reads the file).
    public var request: TextToImageRequest {
        let trimmed = negative.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return TextToImageRequest(prompt: prompt.text, imageCount: imageCount, width: width, height: height,
                                  timesteps: timesteps, guidanceScale: guidanceScale, seed: seed,
                                  negativePrompt: trimmed.isEmpty ? nil : negative.text,
                                  strength: startImage == nil ? nil : strength)
    }

    /// The value a numeric row shows.
    func value(of row: ImageRow) -> Double {
        switch row {
        case .width: Double(width)
        case .height: Double(height)
        case .count: Double(imageCount)
        case .steps: Double(timesteps)
        case .guidance: guidanceScale
        case .seed: Double(seed)
        case .strength: strength
        case .startImage: 0
        }
    }

    mutating func set(_ row: ImageRow, to value: Double) {
        let whole = Int(saturating: value)
        switch row {
        case .width: width = whole
        case .height: height = whole
        case .count: imageCount = whole
        case .steps: timesteps = whole
        case .guidance: guidanceScale = value
        case .seed: seed = whole
        case .strength: strength = value
        case .startImage: break
        }
    }
}
