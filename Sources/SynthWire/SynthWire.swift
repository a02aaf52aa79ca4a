// SynthWire: what synthpad's clients (SynthKit) and the local engine's server (EngineServer) share — the Codable wire
// types with their validation, languages, API errors, API keys and key files, HTTP messages, the retry policy.
// No transport and no libcurl: synthpad-engine, which serves, is linked without it (see SynthKit.swift).
