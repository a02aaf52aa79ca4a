// SynthKit: the API layer of synthpad. It knows nothing of terminals.
//
// SynthWire (re-exported below) holds what the local engine's server shares with the clients — Wire/, Languages/,
// `APIError`, `APIKey` and key files, HTTP messages and retry policy — so that the server links no libcurl.
//
// Wire/       Codable request and answer types for every TextSynth endpoint and Booste GPT-2, with
//             `validate()` before anything is sent. `ParameterSpec` is the one catalogue of ranges and
//             defaults (CLI help, UI sliders, validation). The local engine server decodes the same types.
// Streaming/  `StreamDecoder`: TextSynth streams ("{…}\n\n{…}\n\n"), split at the byte level, O(bytes);
//             `StreamObjectScanner` reads the common objects without JSONDecoder (which takes the rest).
// Transport/  libcurl on a thread per request (SIGWINCH blocked there): streaming bodies, cancellation
//             through `RequestHandle` (curl_multi_wakeup, immediate), connect and idle timeouts, retries
//             with backoff + jitter + Retry-After while nothing has reached the caller, pooled handles so
//             sequential requests reuse their connection.
// Client/     `TextSynthClient` and `BoosteClient`: callbacks for the TUI runtime (run on the transport
//             thread), async/await for the CLI. `APIError` says what went wrong in the user's words.
// Languages/  Which languages each translation engine offers (M2M100, MADLAD-400; Apertium's come from the
//             server), their English names, and ISO 639 code normalisation shared by the server and the UI.
// History/    `LoggedRun`: one request and its answers as the history keeps them (stored by RunHistory).
// Config/     `SynthConfig` (TOML), `APIKey` (masked everywhere but `reveal()`), key files refused when
//             others can read them, the Booste machine id, XDG paths.
//
// Call `initializeNetworking()` once at start-up on the main thread (libcurl's global init).

@_exported import SynthWire
