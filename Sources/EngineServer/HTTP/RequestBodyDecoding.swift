// Reading a request body: size limit (413), JSON decoding into SynthWire's wire types (400 naming the field),
// then SynthWire's own validation (400 naming field, value and allowed range).

import Foundation
import Hummingbird
import NIOCore
import SynthWire

enum RequestBodyDecoding {
    static func collect(_ request: Request, limit: Int) async throws(APIError) -> Data {
        try await collect(request.body, limit: limit)
    }

    static func collect(_ body: RequestBody, limit: Int) async throws(APIError) -> Data {
        do {
            let buffer = try await body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw .bodyTooLarge(limit: limit)
        } catch {
            throw .malformedBody("cannot read the request body (\(error))")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(APIError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw .malformedBody(describe(error))
        } catch {
            throw .malformedBody("\(error)")
        }
    }

    /// Decodes and validates with the rules SynthWire's clients check before sending.
    static func decodeValid<T: Decodable & Validatable>(_ type: T.Type, from data: Data) throws(APIError) -> T {
        let value = try decode(type, from: data)
        do {
            try value.validate()
        } catch {
            throw .invalidParameter(error)
        }
        return value
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, _):
            return "missing field '\(key.stringValue)'"
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return "field '\(path(context))' has the wrong type (expected \(typeName(type)))"
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return "the body is not valid JSON" }
            return "field '\(path(context))': \(context.debugDescription)"
        @unknown default:
            return "the body is not valid JSON"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is Bool.Type: return "a boolean"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") ? "an array" : name.hasPrefix("Dictionary") ? "an object" : name
        }
    }
}
