// Why a GGUF file could not be used. The message always names the file so a user can act on it.

public struct GGUFError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        case cannotOpen(String)
        case badMagic
        case unsupportedVersion(UInt32)
        case truncated(String)
        case malformed(String)
        case unsupportedTensorType(tensor: String, typeID: UInt32)
        case missingKey(String)
        case wrongKeyType(key: String, expected: String)
        case missingTensor(String)
        case wrongTensorShape(tensor: String, expected: [Int], found: [Int])
        case unsupportedModel(String)
    }

    public let path: String
    public let problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        "GGUF file \(path): \(problemText)"
    }

    public var problemText: String {
        switch problem {
        case .cannotOpen(let reason): return "cannot open (\(reason))"
        case .badMagic: return "bad magic: not a GGUF file"
        case .unsupportedVersion(let v): return "unsupported GGUF version \(v) (supported: 2, 3)"
        case .truncated(let what): return "truncated: \(what)"
        case .malformed(let what): return "malformed: \(what)"
        case .unsupportedTensorType(let tensor, let typeID):
            let name = GGMLType.names[typeID].map { "\($0) (type \(typeID))" } ?? "\(typeID) (unknown to ggml)"
            let supported = GGMLType.allCases.map(\.description).joined(separator: ", ")
            return "unsupported tensor type \(name) for tensor '\(tensor)' (supported: \(supported))"
        case .missingKey(let key): return "missing metadata key '\(key)'"
        case .wrongKeyType(let key, let expected): return "metadata key '\(key)' is not \(expected)"
        case .missingTensor(let name): return "missing tensor '\(name)'"
        case .wrongTensorShape(let name, let expected, let found):
            return "tensor '\(name)' has shape \(found), expected \(expected)"
        case .unsupportedModel(let what): return "unsupported model: \(what)"
        }
    }
}
