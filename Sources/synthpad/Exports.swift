// CLIError, Output, runBlocking and `serve` live in ServeCLI, shared with synthpad-engine.
@_exported import ServeCLI
