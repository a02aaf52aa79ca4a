import Foundation

/// A request as the `curl` command that sends it byte for byte: for sharing a run, a bug report, a colleague's
/// terminal. The key is never written: the command reads it from its environment variable.
public enum CurlCommand {
    /// `curl` POSTing `body` (JSON) to `url`; `keyVariable` (e.g. TEXTSYNTH_API_KEY) becomes the bearer key when
    /// given; `stream` adds `-N` so streamed pieces print as they arrive.
    public static func post(url: String, body: Data, keyVariable: String?, stream: Bool) -> String {
        var parts = ["curl", "-sS"]
        if stream { parts.append("-N") }
        parts += ["-X", "POST", quoted(url), "-H", quoted("Content-Type: application/json")]
        // Double quotes: the shell expands the variable when the command runs.
        if let keyVariable { parts += ["-H", "\"Authorization: Bearer $\(keyVariable)\""] }
        parts += ["--data-binary", quoted(String(decoding: body, as: UTF8.self))]
        return parts.joined(separator: " ")
    }

    /// Single-quoted for any POSIX shell: nothing inside is expanded; a quote is closed, escaped and reopened.
    public static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}

extension TextSynthClient {
    /// The completion as `curl` would send it to this server.
    public func curl(engine: String, request: CompletionRequest, keyVariable: String?) throws -> String {
        try request.validate()
        return CurlCommand.post(url: url(engine: engine, endpoint: "completions"), body: try WireJSON.encode(request),
                                keyVariable: keyVariable, stream: request.stream)
    }

    public func curl(engine: String, request: ChatRequest, keyVariable: String?) throws -> String {
        try request.validate()
        return CurlCommand.post(url: url(engine: engine, endpoint: "chat"), body: try WireJSON.encode(request),
                                keyVariable: keyVariable, stream: request.stream)
    }
}

extension OpenAIClient {
    public func curl(model: String, request: CompletionRequest, keyVariable: String?) throws -> String {
        try request.validate()
        let body = completionBody(model: model, request, stream: request.stream)
        return CurlCommand.post(url: joinURL(baseURL, "completions"), body: try WireJSON.encode(body),
                                keyVariable: keyVariable, stream: request.stream)
    }

    public func curl(model: String, request: ChatRequest, keyVariable: String?) throws -> String {
        try request.validate()
        let body = chatBody(model: model, request, stream: request.stream)
        return CurlCommand.post(url: joinURL(baseURL, "chat/completions"), body: try WireJSON.encode(body),
                                keyVariable: keyVariable, stream: request.stream)
    }
}
