// TerminalBackend: the only code that calls ncurses. It paints the cells of a grid that changed since the last
// frame, reads and decodes keys, the mouse and bracketed paste, and puts the terminal back however the process
// ends. It knows SynthUI's cells and key presses, nothing of screens or effects, and must not import CCurl.
