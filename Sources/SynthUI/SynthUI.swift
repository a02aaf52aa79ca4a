// SynthUI: the pure user interface. It owns the state of every screen, how events change it (`update`, returning
// effects as data), and how it is drawn into a cell grid. It must not import CNCurses or CCurl, nor do I/O of any
// kind (files, network, clocks, processes): the runtime (SynthRuntime) carries out its effects and the terminal
// backend paints its grids.
//
// App/        What screens share: `AppState` (size, backend, engines, credits, the screen shown, overlays, clock),
//             the app's `update`, the routing table (`ScreenTable.swift`: the one place that switches on the
//             screen), the status bar, help and quit overlays, `Event`, `Effect`, `RequestKey`, the budget guard,
//             and restoring a logged run into its screen.
// Screens/    One folder a screen — Playground, Compare, Translate, Chat, Image, History — each with its state, its
//             update, its view (`render…(state, in: area, into: grid)`) and its key table.
// Keys/       `KeyTable`/`KeyBinding`: one table both dispatches keys and draws help and status-bar hints.
// Widgets/    Shared parts: the text editor (and its key table), the cell grid, line wrapping, `OutputDocument`.
// Session/    The session's value and its JSON (written in pieces); the file itself is the runtime's.
// Theme/      Themes parsed from TOML text and chosen by name (finding the files is the runtime's).
