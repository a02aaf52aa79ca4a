// Noticing that a client went away while its answer is still being computed, so its slots are freed at once.
// A stream notices on its next write; a request waiting for a whole answer must be told.

import Foundation
import Hummingbird

enum ClientPresence {
    /// Runs `respond` with the request's body (not read before), cancelling it when the client closes its side
    /// of the connection. Hummingbird closes such a connection after the answer, so the answer (or error) says
    /// `Connection: close`: clients then open a new connection instead of failing on a dead one.
    static func cancellingOnDisconnect(
        _ request: Request, _ respond: @escaping @Sendable (RequestBody) async throws(APIError) -> Response
    ) async -> Response {
        let openAI = OpenAIRoutes.speaksOpenAI(request.uri.path)
        var response: Response
        do {
            response = try await request.body.consumeWithCancellationOnInboundClose { body in
                do {
                    return try await respond(body)
                } catch let error as APIError {
                    return JSONResponses.error(error, openAI: openAI)
                } catch {
                    return JSONResponses.error(.internalError("\(error)"), openAI: openAI)
                }
            }
        } catch {
            // Cancelled because the client left: nobody will read this.
            response = JSONResponses.error(APIError(status: 499, message: "the client closed the connection"))
        }
        response.headers[.connection] = "close"
        return response
    }
}
