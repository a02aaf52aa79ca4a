// What survives a restart: the work, never the credentials. There is deliberately no field that could hold an API key.
import Foundation
import SynthKit

public struct Session: Sendable, Equatable, Codable {
    public static let currentVersion = 1

    public var version: Int
    public var backend: String
    public var engine: String
    public var prompt: String
    public var parameters: SamplingParameters
    public var boosteLength: Int
    public var boosteTemperature: Double
    public var boosteWindowMax: Int
    /// The words typed into the logit-bias editor, by token id (for display only; the biases are in `parameters`).
    public var biasWords: [Int: String]
    /// The completions of the last run (without the prompt echo).
    public var outputs: [String]
    public var selectedOutput: Int
    /// The end of the prompt shown dimmed above the outputs, so they come back as they were shown (nil in
    /// sessions written before it was kept).
    public var outputEcho: String?
    /// The outputs were saved while they were still streaming: a restart shows them as interrupted.
    public var outputsInterrupted: Bool?
    /// The token inspector (Ctrl-T) was on (nil: off, as in sessions written before it existed).
    public var inspectTokens: Bool?

    public init(backend: String, engine: String, prompt: String, parameters: SamplingParameters = .defaults,
                booste: BoosteParameters = BoosteParameters(), biasWords: [Int: String] = [:],
                outputs: [String] = [], selectedOutput: Int = 0, outputEcho: String? = nil,
                outputsInterrupted: Bool? = nil, inspectTokens: Bool? = nil) {
        self.version = Session.currentVersion
        self.backend = backend
        self.engine = engine
        self.prompt = prompt
        self.parameters = parameters
        self.boosteLength = booste.length
        self.boosteTemperature = booste.temperature
        self.boosteWindowMax = booste.windowMax
        self.biasWords = biasWords
        self.outputs = outputs
        self.selectedOutput = selectedOutput
        self.outputEcho = outputEcho
        self.outputsInterrupted = outputsInterrupted
        self.inspectTokens = inspectTokens
    }
}

extension Session {
    /// A session from its JSON (what `SessionJSONWriter` writes).
    public static func decode(_ data: Data) throws -> Session {
        try JSONDecoder().decode(Session.self, from: data)
    }
}
