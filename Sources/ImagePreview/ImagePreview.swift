// ImagePreview: what it takes to show a generated image on a terminal — JPEG decoding (libjpeg-turbo), choosing a
// graphics protocol from the environment, and drawing with libchafa as Unicode block symbols (cells with colours)
// or as kitty / iTerm2 / sixel escapes. It imports neither curses nor SynthUI: the runtime and the CLI give it
// files and a size in cells, and put what comes back on the screen themselves.
