// Building JSON responses (always sorted keys: deterministic bodies for tests and logs).

import Foundation
import Hummingbird
import SynthWire

enum JSONResponses {
    static func encode<T: Encodable>(_ value: T) -> ByteBuffer {
        // Encoding our own answer types cannot fail; if it ever did, say so rather than send an empty 200.
        let data = (try? WireJSON.encode(value)) ?? Data(#"{"error":"cannot encode the answer","status":500}"#.utf8)
        return ByteBuffer(bytes: data)
    }

    static func ok<T: Encodable>(_ value: T) -> Response {
        response(status: 200, body: encode(value))
    }

    static func error(_ error: APIError, openAI: Bool = false) -> Response {
        guard openAI else {
            return response(status: error.status, body: encode(ErrorAnswer(error: error.message, status: error.status)))
        }
        let type = switch error.status {
        case 401: "authentication_error"
        case 404: "not_found_error"
        case 429: "rate_limit_error"
        case 402: "insufficient_quota"
        case 500...: "server_error"
        default: "invalid_request_error"
        }
        let code = error.status == 404 ? "model_not_found" : nil
        return response(status: error.status,
                        body: encode(OpenAIErrorBody(.init(message: error.message, type: type, code: code))))
    }

    static func boosteError(_ error: BoosteError) -> Response {
        response(status: error.status, body: encode(["message": error.message]))
    }

    static func response(status: Int, body: ByteBuffer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
