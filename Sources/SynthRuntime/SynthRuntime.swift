// SynthRuntime: carries out what SynthUI's `update` asks for and runs the event loop. It owns the threads, the wake
// pipe and `poll`, HTTP through SynthKit's clients (the local engine is reached the same way, over loopback), the
// session and theme files, $EDITOR and the clipboard. It never calls curses itself: painting and reading keys are
// TerminalBackend's. It must not import CNCurses or CCurl.
//
// Playground.swift         The entry point: loads the session and theme, opens the screen, runs the loop.
// PlaygroundRuntime.swift  The loop: input and replies in, `update`, effects out, frames paced.
// APIRequests.swift        Effects that reach the API, keyed by `RequestKey`; replies posted back as events.
// HistoryBrowser.swift     The history screen's queries, stars and deletions, on a queue of their own.
// SessionFile/SessionSaver Atomic session writes off the main thread; ThemeFiles: theme files on disk.
