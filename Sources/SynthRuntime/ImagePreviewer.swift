import ImagePreview
import SynthUI
import TerminalBackend

/// Turns the pictures a frame asks for (`CellGrid.images`: a file and a rectangle) into what the terminal shows:
/// in symbol mode, cells with their own colours written into the grid (they go through curses like any text); with
/// a pixel protocol, an overlay the terminal screen writes after the frame. Decoded files and drawn pictures are
/// kept, so an unchanged frame costs no decoding. A file that cannot be shown says why in its rectangle.
final class ImagePreviewer {
    let mode: GraphicsMode
    private let cellPixels: () -> (width: Int, height: Int)?
    private var decoded: [String: Result<DecodedImage, ImageDecodeError>] = [:]
    private var symbols: [ImagePlacement: SymbolPicture] = [:]
    private var escapes: [ImagePlacement: GraphicsOverlay] = [:]

    init(mode: GraphicsMode, cellPixels: @escaping () -> (width: Int, height: Int)? = { nil }) {
        self.mode = mode
        self.cellPixels = cellPixels
    }

    /// Draws the grid's pictures into it (symbols) or returns them as overlays (pixel protocols). What this frame
    /// does not show is forgotten: a megabyte of pixels per picture is not kept for screens no longer on view.
    func prepare(_ grid: inout CellGrid) -> [GraphicsOverlay] {
        let shown = Set(grid.images)
        decoded = decoded.filter { path, _ in shown.contains { $0.path == path } }
        symbols = symbols.filter { shown.contains($0.key) }
        escapes = escapes.filter { shown.contains($0.key) }
        var overlays: [GraphicsOverlay] = []
        for placement in grid.images {
            let image: DecodedImage
            switch decode(placement.path) {
            case .success(let decodedImage): image = decodedImage
            case .failure(let error):
                grid.writeWrapped("cannot show this image: \(error)", in: placement.rect, style: CellStyle(.error))
                continue
            }
            if mode.isPixelProtocol {
                overlays.append(overlay(image, at: placement))
            } else {
                draw(symbolsFor(image, at: placement), in: placement.rect, into: &grid)
            }
        }
        return overlays
    }

    private func decode(_ path: String) -> Result<DecodedImage, ImageDecodeError> {
        if let known = decoded[path] { return known }
        let result = Result { () throws(ImageDecodeError) in try JPEGDecoder.decode(contentsOf: path) }
        decoded[path] = result
        return result
    }

    private func symbolsFor(_ image: DecodedImage, at placement: ImagePlacement) -> SymbolPicture {
        if let known = symbols[placement] { return known }
        let picture = ImageRenderer.symbols(image, columns: placement.rect.width, rows: placement.rect.height)
        symbols[placement] = picture
        return picture
    }

    private func overlay(_ image: DecodedImage, at placement: ImagePlacement) -> GraphicsOverlay {
        if let known = escapes[placement] { return known }
        let rect = placement.rect
        let size = ImageRenderer.fittedSize(of: image, columns: rect.width, rows: rect.height)
        let bytes = ImageRenderer.escapes(image, columns: rect.width, rows: rect.height, mode: mode,
                                          cellPixels: cellPixels())
        let made = GraphicsOverlay(x: rect.x + (rect.width - size.columns) / 2, y: rect.y, bytes: bytes,
                                   erase: mode == .kitty ? "\u{1B}_Ga=d\u{1B}\\" : "")
        escapes[placement] = made
        return made
    }

    /// The picture centred horizontally at the top of `rect`, each cell with the picture's colours.
    private func draw(_ picture: SymbolPicture, in rect: Rect, into grid: inout CellGrid) {
        let left = rect.x + (rect.width - picture.columns) / 2
        for (row, cells) in picture.cells.enumerated() {
            for (column, cell) in cells.enumerated() {
                let colors = CellColors(foreground: .rgb(cell.foreground.red, cell.foreground.green, cell.foreground.blue),
                                        background: .rgb(cell.background.red, cell.background.green, cell.background.blue))
                grid.put(cell.character, x: left + column, y: rect.y + row, style: CellStyle(.text, colors: colors),
                         limit: rect.maxX)
            }
        }
    }
}
