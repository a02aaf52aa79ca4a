import Foundation
import SynthKit
import TestPeer
import XCTest

final class KeyAndConfigTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("kit-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("synthpad"), withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func write(_ text: String, to name: String, mode: Int) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, mode_t(mode))
        return path
    }

    // MARK: masking

    func testKeyIsMaskedEverywhere() {
        let key = APIKey("sk-0123456789f3a9")
        XCTAssertEqual("\(key)", "••••f3a9")
        XCTAssertEqual(String(describing: key), "••••f3a9")
        XCTAssertEqual(String(reflecting: key), "APIKey(••••f3a9)")
        var dumped = ""
        dump(key, to: &dumped)
        XCTAssertFalse(dumped.contains("0123456789"), dumped)
        struct Holder { let key: APIKey }
        var holderDump = ""
        dump(Holder(key: key), to: &holderDump)
        XCTAssertFalse(holderDump.contains("0123456789"), holderDump)
        XCTAssertFalse("\(Holder(key: key))".contains("0123456789"))
        let request = BoosteStartRequest(prompt: "p", apiKey: key, machineID: "m", syncMode: .synchronous)
        XCTAssertFalse("\(request)".contains("0123456789"))
        XCTAssertEqual(key.reveal(), "sk-0123456789f3a9")
        XCTAssertEqual(mask("abc"), "••••c")
        XCTAssertEqual(mask(""), "••••")
        XCTAssertEqual(redact("Authorization: Bearer sk-0123456789f3a9", hiding: key), "Authorization: Bearer ••••f3a9")
    }

    func testClientDescriptionAndErrorsDoNotLeakKey() throws {
        let peer = try TestPeer()
        defer { peer.shutdown() }
        peer.route("GET", "/v1/credits", .error(401, "invalid key"))
        let client = TextSynthClient(baseURL: peer.baseURL, apiKey: APIKey("sk-secret-value-9999"), options: fastOptions())
        let error = waitResult { client.credits(completion: $0) }?.failure
        XCTAssertEqual(peer.requests.first?.headers["authorization"], "Bearer sk-secret-value-9999")
        XCTAssertFalse("\(String(describing: error))".contains("secret"))
        XCTAssertFalse("\(String(describing: client.apiKey))".contains("secret"))
        // A server that echoes the key it refused: the message shown is masked.
        peer.route("GET", "/v1/credits", .error(401, "key sk-secret-value-9999 is unknown"))
        XCTAssertEqual(waitResult { client.credits(completion: $0) }?.failure,
                       .unauthorized(status: 401, message: "key ••••9999 is unknown"))
        peer.route("POST", "/v1/engines/e/completions", .error(400, "bad key sk-secret-value-9999"))
        let recorder = EventRecorder()
        client.streamCompletion(engine: "e", request: CompletionRequest(prompt: "p"), onEvent: recorder.record)
        XCTAssertEqual(recorder.waitForEnd(), .failed(.invalidRequest(message: "bad key ••••9999")))
    }

    func testVerboseLogMasksKeyInHeadersAndBodies() async throws {
        let peer = try TestPeer()
        defer { peer.shutdown() }
        peer.route("GET", "/v1/credits", .json(["credits": 5]))
        peer.actAsBooste(taskID: "t")
        let lines = LogLines()
        let options = TransportOptions(connectTimeout: 2, idleTimeout: 5, retry: .never, log: lines.append)
        let client = TextSynthClient(baseURL: peer.baseURL, apiKey: APIKey("sk-verbose-secret-7777"), options: options)
        _ = try await client.credits()
        let booste = BoosteClient(baseURL: peer.baseURL, apiKey: APIKey("bo-verbose-secret-8888"), machineID: "m", options: options)
        _ = try await booste.gpt2AsyncStart(prompt: "hello")
        let log = lines.text
        XCTAssertTrue(log.contains("→ GET \(peer.baseURL)/v1/credits"), log)
        XCTAssertTrue(log.contains("Authorization: Bearer ••••7777"), log)
        XCTAssertTrue(log.contains("\"apiKey\":\"••••8888\""), log)
        XCTAssertTrue(log.contains("← 200"), log)
        XCTAssertFalse(log.contains("verbose-secret"), log)
    }

    // MARK: key sources and permissions

    func testKeyFileMustBePrivate() throws {
        let open = try write("sk-file-key\n", to: "open.key", mode: 0o644)
        XCTAssertThrowsError(try SecretFile.readKey(at: open)) { error in
            XCTAssertEqual("\(error)", "\(open): permissions 0644 for '\(open)' are too open: it holds an API key, so it must not be readable by others. Run: chmod 600 '\(open)'")
        }
        let closed = try write("  sk-file-key  \n", to: "closed.key", mode: 0o600)
        XCTAssertEqual(try SecretFile.readKey(at: closed).reveal(), "sk-file-key")
        let groupReadable = try write("k", to: "group.key", mode: 0o640)
        XCTAssertThrowsError(try SecretFile.readKey(at: groupReadable))
        XCTAssertThrowsError(try SecretFile.readKey(at: dir.appendingPathComponent("missing.key").path))
    }

    func testKeyPrecedenceEnvThenFileThenConfig() throws {
        let keyFile = try write("from-file-1234", to: "ts.key", mode: 0o600)
        let config = try SynthConfig.parse("""
            [backends.cloud]
            kind = "textsynth"
            key_file = "\(keyFile)"
            [backends.inline]
            kind = "booste"
            key = "inline-key-5678"
            """, file: "/nonexistent/config.toml", environment: [:])
        let cloud = try XCTUnwrap(config.backend(named: "cloud"))
        XCTAssertEqual(try config.apiKey(for: cloud, environment: ["TEXTSYNTH_API_KEY": "from-env"])?.reveal(), "from-env")
        XCTAssertEqual(try config.apiKey(for: cloud, environment: [:])?.reveal(), "from-file-1234")
        let inline = try XCTUnwrap(config.backend(named: "inline"))
        XCTAssertEqual(try config.apiKey(for: inline, environment: ["TEXTSYNTH_API_KEY": "x"])?.reveal(), "inline-key-5678")
        XCTAssertEqual(try config.apiKey(for: inline, environment: ["BOOSTE_API_KEY": "b-env"])?.reveal(), "b-env")
        XCTAssertNil(try config.apiKey(for: BackendConfig(name: "l", kind: .local, url: "http://x"), environment: [:]))
    }

    func testInlineKeyInReadableConfigIsRefused() throws {
        let text = "[backends.cloud]\nkind = \"textsynth\"\nkey = \"sk-inline\"\n"
        let path = try write(text, to: "synthpad/config.toml", mode: 0o644)
        let config = try SynthConfig.load(from: path, environment: [:])
        let cloud = try XCTUnwrap(config.backend(named: "cloud"))
        XCTAssertThrowsError(try config.apiKey(for: cloud, environment: [:])) { error in
            XCTAssertTrue("\(error)".contains("permissions 0644"), "\(error)")
            XCTAssertFalse("\(error)".contains("sk-inline"))
        }
        chmod(path, 0o600)
        XCTAssertEqual(try config.apiKey(for: cloud, environment: [:])?.reveal(), "sk-inline")
    }

    func testClientsFromConfig() throws {
        let config = SynthConfig(defaultEngine: "boris_6B")
        let env = ["XDG_STATE_HOME": dir.path]
        let cloud = try XCTUnwrap(config.backend(named: "textsynth"))
        XCTAssertThrowsError(try config.textSynthClient(for: cloud, environment: env)) {
            XCTAssertTrue("\($0)".contains("TEXTSYNTH_API_KEY"))
        }
        let client = try config.textSynthClient(for: cloud, environment: ["TEXTSYNTH_API_KEY": "sk-env-1"])
        XCTAssertEqual(client.apiKey?.reveal(), "sk-env-1")
        XCTAssertEqual(client.baseURL, "https://api.textsynth.com")
        XCTAssertEqual(client.url(engine: "gptj_6B", endpoint: "completions"), "https://api.textsynth.com/v1/engines/gptj_6B/completions")
        let local = try XCTUnwrap(config.backend(named: "local"))
        XCTAssertNil(try config.textSynthClient(for: local, environment: env).apiKey)
        XCTAssertEqual(config.engine(for: local), "boris_6B")
        XCTAssertEqual(config.engine(for: cloud), "gptj_6B")
        let booste = try XCTUnwrap(config.backend(named: "booste"))
        XCTAssertThrowsError(try config.boosteClient(for: booste, environment: env))
        let boosteClient = try config.boosteClient(for: booste, environment: env.merging(["BOOSTE_API_KEY": "b"]) { $1 })
        XCTAssertEqual(boosteClient.machineID, try MachineID.loadOrCreate(environment: env))
        XCTAssertThrowsError(try config.textSynthClient(for: booste, environment: env))
    }

    // MARK: config parsing

    func testFullConfig() throws {
        let text = """
            default_backend = "mine"
            default_engine = "codegen_6B_mono"
            theme = "solarized"

            [backends.mine]
            kind = "local"
            url = "http://127.0.0.1:9999"
            engine = "smollm"

            [backends.textsynth]
            kind = "textsynth"
            url = "http://10.0.0.2:8080"

            [parameters]
            max_tokens = 200
            temperature = 0.7
            top_k = 50
            stop = ["\\n\\n", "END"]
            """
        try text.write(to: dir.appendingPathComponent("synthpad/config.toml"), atomically: true, encoding: .utf8)
        let config = try SynthConfig.load(environment: ["XDG_CONFIG_HOME": dir.path])
        XCTAssertEqual(config.defaultBackend, "mine")
        XCTAssertEqual(config.defaultEngine, "codegen_6B_mono")
        XCTAssertEqual(config.theme, "solarized")
        XCTAssertEqual(config.selectedBackend, BackendConfig(name: "mine", kind: .local, url: "http://127.0.0.1:9999", engine: "smollm"))
        XCTAssertEqual(config.backend(named: "textsynth")?.url, "http://10.0.0.2:8080")
        XCTAssertEqual(config.backend(named: "booste")?.kind, .booste)
        XCTAssertEqual(config.parameters, SamplingParameters(maxTokens: 200, temperature: 0.7, topK: 50, stop: ["\n\n", "END"]))
        XCTAssertEqual(config.file, dir.appendingPathComponent("synthpad/config.toml").path)
    }

    func testMissingFileGivesDefaults() throws {
        let config = try SynthConfig.load(environment: ["XDG_CONFIG_HOME": dir.appendingPathComponent("nothing").path])
        XCTAssertEqual(config.defaultBackend, "textsynth")
        XCTAssertEqual(config.parameters, .defaults)
        XCTAssertEqual(Set(config.backends.map(\.name)), ["textsynth", "booste", "local"])
        XCTAssertEqual(ConfigPaths.configFile(environment: ["HOME": "/home/u"]).path, "/home/u/.config/synthpad/config.toml")
    }

    func testMalformedTOMLNamesFileAndLine() {
        XCTAssertThrowsError(try SynthConfig.parse("theme = \"dark\"\n\nthis is not toml\n", file: "/etc/x.toml", environment: [:])) { error in
            let configError = error as? ConfigError
            XCTAssertEqual(configError?.file, "/etc/x.toml")
            XCTAssertEqual(configError?.line, 3)
            XCTAssertTrue("\(error)".hasPrefix("/etc/x.toml:3: "), "\(error)")
        }
    }

    func testWrongTypesAndRangesNameTheKey() {
        XCTAssertThrowsError(try SynthConfig.parse("theme = \"a\"\n[parameters]\ntemperature = \"hot\"\n", file: "c.toml", environment: [:])) {
            XCTAssertEqual("\($0)", "c.toml:3: temperature must be a number")
        }
        XCTAssertThrowsError(try SynthConfig.parse("[parameters]\ntop_k = 0\n", file: "c.toml", environment: [:])) {
            XCTAssertEqual("\($0)", "c.toml:2: [parameters] top_k = 0 is out of range (allowed 1…1000)")
        }
        XCTAssertThrowsError(try SynthConfig.parse("[parameters]\ntop_q = 1\n", file: "c.toml", environment: [:]))
        XCTAssertThrowsError(try SynthConfig.parse("[backends.x]\nkind = \"grpc\"\n", file: "c.toml", environment: [:])) {
            XCTAssertEqual("\($0)", "c.toml:2: kind \"grpc\" is unknown (use textsynth, booste, local or openai)")
        }
        // An OpenAI-compatible backend: its key from OPENAI_API_KEY, needed only by OpenAI's cloud.
        let config = try? SynthConfig.parse("[backends.llama]\nkind = \"openai\"\nurl = \"http://127.0.0.1:8081/v1\"\n",
                                            file: "c.toml", environment: [:])
        let llama = config?.backend(named: "llama")
        XCTAssertEqual(llama?.kind, .openai)
        XCTAssertEqual(llama?.keyVariable, "OPENAI_API_KEY")
        XCTAssertNoThrow(try config?.openAIClient(for: llama!, environment: [:]))
        let cloud = BackendConfig(name: "oa", kind: .openai, url: OpenAIClient.cloudURL)
        XCTAssertThrowsError(try config?.openAIClient(for: cloud, environment: [:])) {
            XCTAssertTrue("\($0)".contains("no OpenAI API key: set OPENAI_API_KEY"), "\($0)")
        }
        XCTAssertThrowsError(try SynthConfig.parse("default_backend = \"nowhere\"\n", file: "c.toml", environment: [:])) {
            XCTAssertTrue("\($0)".hasPrefix("c.toml:1: default_backend \"nowhere\""))
        }
    }
}

final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
}
