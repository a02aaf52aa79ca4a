import Foundation

/// Booste GPT-2 sampling: `length` counts words, not tokens.
public struct BoosteParameters: Sendable, Equatable, Validatable {
    public enum ModelSize: String, Sendable, Equatable, Codable, CaseIterable {
        case gpt2
        case gpt2XL = "gpt2-xl"
    }

    public var length: Int
    public var temperature: Double
    public var windowMax: Int
    public var modelSize: ModelSize

    public init(length: Int = 5, temperature: Double = 0.8, windowMax: Int = 100, modelSize: ModelSize = .gpt2) {
        self.length = length
        self.temperature = temperature
        self.windowMax = windowMax
        self.modelSize = modelSize
    }

    public func validate() throws(ValidationError) {
        try ParameterSpec.boosteLength.check(length)
        try ParameterSpec.boosteTemperature.check(temperature)
        try ParameterSpec.boosteWindowMax.check(windowMax)
    }
}

/// Whether the server holds the start call until the words are ready.
public enum BoosteSyncMode: String, Sendable, Equatable, Codable {
    case synchronous
    case asynchronous
}

/// `POST {base}inference/pretrained/gpt2/async/start`. On the wire `length` and `temperature` are strings.
public struct BoosteStartRequest: Sendable, Equatable, Codable, Validatable {
    public var prompt: String
    public var parameters: BoosteParameters
    public var apiKey: APIKey
    public var machineID: String
    public var syncMode: BoosteSyncMode

    public init(prompt: String, parameters: BoosteParameters = .init(), apiKey: APIKey, machineID: String,
                syncMode: BoosteSyncMode) {
        self.prompt = prompt
        self.parameters = parameters
        self.apiKey = apiKey
        self.machineID = machineID
        self.syncMode = syncMode
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        prompt = try c.required("string")
        let defaults = BoosteParameters()
        parameters = BoosteParameters(
            length: try c.lenientInt("length") ?? defaults.length,
            temperature: try c.lenientDouble("temperature") ?? defaults.temperature,
            windowMax: try c.lenientInt("windowMax") ?? defaults.windowMax,
            modelSize: try c.value("modelSize", default: defaults.modelSize))
        apiKey = try c.value("apiKey", default: APIKey(""))
        machineID = try c.value("machineID", default: "")
        syncMode = try c.value("syncMode", default: .asynchronous)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: WireKey.self)
        try c.put("string", prompt)
        try c.put("length", String(parameters.length))
        try c.put("temperature", String(parameters.temperature))
        try c.put("windowMax", parameters.windowMax)
        try c.put("modelSize", parameters.modelSize)
        try c.put("apiKey", apiKey)
        try c.put("machineID", machineID)
        try c.put("syncMode", syncMode)
    }

    public func validate() throws(ValidationError) { try parameters.validate() }
}

/// The start answer: `{"TaskID": "…"}`.
public struct BoosteStartAnswer: Sendable, Equatable, Codable {
    public var taskID: String

    public init(taskID: String) { self.taskID = taskID }

    enum CodingKeys: String, CodingKey { case taskID = "TaskID" }
}

/// `POST {base}inference/pretrained/gpt2/async/check/v2`.
public struct BoosteCheckRequest: Sendable, Equatable, Codable, Validatable {
    public var taskID: String
    public var apiKey: APIKey
    public var syncMode: BoosteSyncMode

    public init(taskID: String, apiKey: APIKey, syncMode: BoosteSyncMode) {
        self.taskID = taskID
        self.apiKey = apiKey
        self.syncMode = syncMode
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "TaskID"
        case apiKey
        case syncMode
    }

    public func validate() throws(ValidationError) {
        if taskID.isEmpty {
            throw ValidationError(field: "TaskID", value: "\"\"", allowed: "the id from the start call", problem: "is empty")
        }
    }
}

/// The state of a Booste task.
public enum BoosteStatus: Sendable, Equatable, Codable, CustomStringConvertible {
    case finished
    case failed
    /// Any other word the server uses while the task runs ("Running", "Queued", …).
    case pending(String)

    public init(wire: String) {
        switch wire.lowercased() {
        case "finished": self = .finished
        case "failed": self = .failed
        default: self = .pending(wire)
        }
    }

    public var wireValue: String {
        switch self {
        case .finished: "Finished"
        case .failed: "Failed"
        case .pending(let word): word
        }
    }

    public var description: String { wireValue }

    public init(from decoder: Decoder) throws { self.init(wire: try decoder.singleValueContainer().decode(String.self)) }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(wireValue)
    }
}

/// The check answer: `{"Status": …, "TaskID": …}` while running or failed, `{"Status": "Finished", "Output": [words]}` when done.
public struct BoosteCheckAnswer: Sendable, Equatable, Codable {
    public var status: BoosteStatus
    public var taskID: String?
    public var output: [String]?

    public init(status: BoosteStatus, taskID: String? = nil, output: [String]? = nil) {
        self.status = status
        self.taskID = taskID
        self.output = output
    }

    enum CodingKeys: String, CodingKey {
        case status = "Status"
        case taskID = "TaskID"
        case output = "Output"
    }
}

/// A Booste error body: `{"message": "…"}`.
public struct BoosteErrorAnswer: Sendable, Equatable, Codable {
    public var message: String

    public init(message: String) { self.message = message }
}

extension KeyedDecodingContainer where Key == WireKey {
    /// Booste sends numbers as strings ("5", "0.8"); accept either form.
    func lenientInt(_ name: String) throws -> Int? {
        let key = WireKey(name)
        guard contains(key) else { return nil }
        if let number = try? decode(Int.self, forKey: key) { return number }
        let text = try decode(String.self, forKey: key)
        guard let number = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(name) \"\(text)\" is not a whole number")
        }
        return number
    }

    func lenientDouble(_ name: String) throws -> Double? {
        let key = WireKey(name)
        guard contains(key) else { return nil }
        if let number = try? decode(Double.self, forKey: key) { return number }
        let text = try decode(String.self, forKey: key)
        guard let number = Double(text.trimmingCharacters(in: .whitespaces)) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(name) \"\(text)\" is not a number")
        }
        return number
    }
}
