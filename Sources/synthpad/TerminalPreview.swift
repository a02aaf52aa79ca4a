import Foundation
import Glibc
import ImagePreview

/// `synthpad image --preview`: each saved image drawn below its path, as wide as the terminal allows.
enum TerminalPreview {
    static func draw(_ path: String, mode: GraphicsMode) throws {
        let image: DecodedImage
        do {
            image = try JPEGDecoder.decode(contentsOf: path)
        } catch {
            throw CLIError.failed("cannot preview \(path): \(error)")
        }
        // Not a terminal (a pipe, a test): 80 × 24, or $COLUMNS.
        let size = TerminalWindowSize.of(descriptor: STDOUT_FILENO) ?? TerminalWindowSize(
            columns: ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80, rows: 24)
        // Leave room for the path line and the prompt: a picture taller than the window scrolls its top away.
        let drawn = ImageRenderer.escapes(image, columns: min(size.columns, 80), rows: max(4, min(size.rows - 2, 40)),
                                          mode: mode, cellPixels: size.cellPixels)
        Output.write(drawn + "\n")
    }
}
