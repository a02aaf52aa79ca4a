// The HTTP/1.1 test client (LoopbackConnection, LoopbackHTTP) lives in TestPeer; what only these tests need is here.

import Foundation
import TestPeer
import XCTest

extension LoopbackConnection {
    /// Sends a completion too long to end during a test (1,500 tokens, end-of-text banned); streamed, its head and
    /// first piece have been read when this returns (the sequence is running), and the head's headers come back.
    static func longCompletion(port: Int, stream: Bool = true, engine: String = "smollm2_135M") throws
        -> (connection: LoopbackConnection, headers: [String: String]) {
        let connection = try LoopbackConnection(port: port)
        let body = try JSONSerialization.data(withJSONObject: [
            "prompt": "Write a very long essay about the sea.", "max_tokens": 1500, "stream": stream,
            "logit_bias": ["0": -100, "1": -100, "2": -100],
        ] as [String: Any])
        try connection.send(method: "POST", path: "/v1/engines/\(engine)/completions", body: body)
        guard stream else { return (connection, [:]) }
        let (status, headers) = try connection.readHead()
        XCTAssertEqual(status, 200)
        _ = try connection.readBodyPiece(headers: headers)
        return (connection, headers)
    }
}
