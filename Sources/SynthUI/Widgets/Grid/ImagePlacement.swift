// A picture file shown in a rectangle of cells. Views only name the file and the rectangle: decoding the JPEG and
// drawing it (block symbols as cells, or a terminal's pixel protocol after the frame) is the runtime's.

public struct ImagePlacement: Sendable, Hashable {
    public var path: String
    public var rect: Rect
    public init(path: String, rect: Rect) {
        self.path = path
        self.rect = rect
    }
}

extension CellGrid {
    /// Asks for the picture at `path` inside `rect` (kept within the grid; nothing for an empty rectangle).
    public mutating func placeImage(_ path: String, in rect: Rect) {
        let clipped = Rect(x: max(0, rect.x), y: max(0, rect.y), width: min(rect.maxX, columns) - max(0, rect.x),
                           height: min(rect.maxY, rows) - max(0, rect.y))
        guard !clipped.isEmpty else { return }
        images.append(ImagePlacement(path: path, rect: clipped))
    }
}
