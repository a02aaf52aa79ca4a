import CChafa

/// A colour as 8-bit red, green, blue.
public struct RGB: Sendable, Hashable {
    public var red: UInt8, green: UInt8, blue: UInt8
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// From chafa's packed 0xAARRGGBB.
    init(packed: Int32) {
        let value = UInt32(bitPattern: packed)
        self.init(UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
                  UInt8(truncatingIfNeeded: value))
    }
}

/// One terminal cell of a symbol-mode picture.
public struct SymbolCell: Sendable, Hashable {
    public var character: Character
    public var foreground: RGB
    public var background: RGB
}

/// A picture as rows of symbol cells (each row `columns` long).
public struct SymbolPicture: Sendable, Equatable {
    public let columns: Int
    public let rows: Int
    public let cells: [[SymbolCell]]
}

/// Draws decoded images with libchafa, fitted into a box of terminal cells with the aspect kept (cells are about
/// twice as tall as wide).
public enum ImageRenderer {
    /// Width over height of one cell, for fitting.
    static let fontRatio: Float = 0.5

    /// The size in cells the image takes inside a box of `columns` × `rows`, aspect kept.
    public static func fittedSize(of image: DecodedImage, columns: Int, rows: Int) -> (columns: Int, rows: Int) {
        var width = Int32(max(1, columns)), height = Int32(max(1, rows))
        chafa_calc_canvas_geometry(Int32(image.width), Int32(image.height), &width, &height, fontRatio, 1, 0)
        return (max(1, min(columns, Int(width))), max(1, min(rows, Int(height))))
    }

    /// Block symbols with true colours, one cell each: what goes through curses as ordinary cells.
    public static func symbols(_ image: DecodedImage, columns: Int, rows: Int) -> SymbolPicture {
        let size = fittedSize(of: image, columns: columns, rows: rows)
        let canvas = makeCanvas(image, size: size, mode: .symbols, cellPixels: nil)
        defer { chafa_canvas_unref(canvas) }
        let cells = (0..<size.rows).map { y in
            (0..<size.columns).map { x -> SymbolCell in
                var fg: Int32 = 0, bg: Int32 = 0
                chafa_canvas_get_colors_at(canvas, Int32(x), Int32(y), &fg, &bg)
                let scalar = Unicode.Scalar(chafa_canvas_get_char_at(canvas, Int32(x), Int32(y))) ?? " "
                return SymbolCell(character: Character(scalar), foreground: RGB(packed: fg), background: RGB(packed: bg))
            }
        }
        return SymbolPicture(columns: size.columns, rows: size.rows, cells: cells)
    }

    /// The picture as the bytes a terminal draws: a pixel protocol's escape, or (symbols) lines of 24-bit ANSI
    /// colour and block symbols. Written at the cursor; `cellPixels` is a cell's size in pixels when known.
    public static func escapes(_ image: DecodedImage, columns: Int, rows: Int, mode: GraphicsMode,
                               cellPixels: (width: Int, height: Int)? = nil) -> String {
        let size = fittedSize(of: image, columns: columns, rows: rows)
        let canvas = makeCanvas(image, size: size, mode: mode, cellPixels: cellPixels)
        defer { chafa_canvas_unref(canvas) }
        // The fallback terminal knows every sequence chafa can write: the mode chosen decides which are used.
        let database = chafa_term_db_get_default()
        let info = chafa_term_db_get_fallback_info(database)
        defer { chafa_term_info_unref(info) }
        guard let printed = chafa_canvas_print(canvas, info) else { return "" }
        defer { sp_gstring_free(printed) }
        let bytes = UnsafeRawBufferPointer(start: printed.pointee.str, count: Int(printed.pointee.len))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func makeCanvas(_ image: DecodedImage, size: (columns: Int, rows: Int), mode: GraphicsMode,
                                   cellPixels: (width: Int, height: Int)?) -> OpaquePointer {
        let config = chafa_canvas_config_new()
        defer { chafa_canvas_config_unref(config) }
        chafa_canvas_config_set_geometry(config, Int32(size.columns), Int32(size.rows))
        chafa_canvas_config_set_canvas_mode(config, CHAFA_CANVAS_MODE_TRUECOLOR)
        if let cellPixels, cellPixels.width > 0, cellPixels.height > 0 {
            chafa_canvas_config_set_cell_geometry(config, Int32(cellPixels.width), Int32(cellPixels.height))
        }
        let pixelMode: ChafaPixelMode = switch mode {
        case .kitty: CHAFA_PIXEL_MODE_KITTY
        case .iterm: CHAFA_PIXEL_MODE_ITERM2
        case .sixel: CHAFA_PIXEL_MODE_SIXELS
        case .symbols: CHAFA_PIXEL_MODE_SYMBOLS
        }
        chafa_canvas_config_set_pixel_mode(config, pixelMode)
        // Blocks and half blocks draw well in every font; braille and ASCII art read worse for photos.
        let symbols = chafa_symbol_map_new()
        defer { chafa_symbol_map_unref(symbols) }
        chafa_symbol_map_add_by_tags(symbols, ChafaSymbolTags(rawValue: CHAFA_SYMBOL_TAG_BLOCK.rawValue
                                                                | CHAFA_SYMBOL_TAG_SPACE.rawValue))
        chafa_canvas_config_set_symbol_map(config, symbols)
        let canvas = chafa_canvas_new(config)!
        image.rgba.withUnsafeBufferPointer { pixels in
            chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, pixels.baseAddress,
                                         Int32(image.width), Int32(image.height), Int32(image.width * 4))
        }
        return canvas
    }
}
