// TerminalBackend module: see README.md for the architecture.
