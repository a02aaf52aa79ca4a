// `GET /v1/credits` (remaining credits × 1e9, like the cloud) and `GET /v1/engines` (our extension).

import Foundation
import Hummingbird
import SynthWire

enum AccountRoutes {
    static func credits(state: ServerState) -> Response {
        JSONResponses.ok(CreditsAnswer(credits: state.ledger.remainingNanocredits))
    }

    static func engines(state: ServerState) -> Response {
        JSONResponses.ok(state.directory.listing)
    }
}
