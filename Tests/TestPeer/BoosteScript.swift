// TEST DOUBLE: makes TestPeer answer like the Booste GPT-2 service.
import Foundation

extension TestPeer {
    public static let boosteStartPath = "/inference/pretrained/gpt2/async/start"
    public static let boosteCheckPath = "/inference/pretrained/gpt2/async/check/v2"

    /// Start answers `{"TaskID": taskID}`; check answers "Running" `pendingChecks` times, then
    /// "Finished" with `output` (or "Failed" when `fails`).
    public func actAsBooste(taskID: String = "task-0001", pendingChecks: Int = 0, output: [String] = [],
                            fails: Bool = false) {
        route("POST", Self.boosteStartPath, .json(["TaskID": taskID]))
        var checks = Array(repeating: PeerResponse.json(["Status": "Running", "TaskID": taskID]), count: pendingChecks)
        checks.append(fails ? .json(["Status": "Failed", "TaskID": taskID])
                            : .json(["Status": "Finished", "Output": output]))
        route("POST", Self.boosteCheckPath, responses: checks)
    }
}
