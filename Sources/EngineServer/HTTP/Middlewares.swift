// Cross-cutting HTTP concerns: the API key check and turning any escaped error into TextSynth's error shape.

import Foundation
import Hummingbird

/// When an API key is configured, TextSynth routes need `Authorization: Bearer KEY` (401 otherwise).
/// Booste routes carry the key in their JSON body, so they check it themselves.
struct APIKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    let key: String

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path.hasPrefix(BoosteRoutes.pathPrefix) { return try await next(request, context) }
        let openAI = OpenAIRoutes.speaksOpenAI(request.uri.path)
        guard let header = request.headers[.authorization] else { return JSONResponses.error(.missingKey, openAI: openAI) }
        let prefix = "Bearer "
        guard header.hasPrefix(prefix), Self.sameKey(String(header.dropFirst(prefix.count)), key) else {
            return JSONResponses.error(.wrongKey, openAI: openAI)
        }
        return try await next(request, context)
    }

    /// Compares without an early exit, so response timing does not reveal how much of a guess was right.
    static func sameKey(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}

/// Every error that escapes a handler leaves as `{"error": …, "status": N}` (on OpenAI's paths, as OpenAI's error
/// object), never as an empty body.
struct TextSynthErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let openAI = OpenAIRoutes.speaksOpenAI(request.uri.path)
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return JSONResponses.error(error, openAI: openAI)
        } catch let error as BoosteError {
            return JSONResponses.boosteError(error)
        } catch let error as HTTPError {
            let status = Int(error.status.code)
            let message = status == 404 ? "no such endpoint: \(request.method) \(request.uri.path)"
                : (error.body ?? error.status.reasonPhrase)
            return JSONResponses.error(APIError(status: status, message: message), openAI: openAI)
        } catch {
            return JSONResponses.error(.internalError("\(error)"), openAI: openAI)
        }
    }
}
