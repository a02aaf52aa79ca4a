/// Decodes UTF-8 one byte at a time, carrying a character split across reads to the next read.
/// A sequence cut short by a byte that cannot continue it is dropped (terminals send valid UTF-8; this only
/// keeps garbage from turning into wrong characters).
struct UTF8ScalarDecoder: Sendable {
    private var scalar: UInt32 = 0
    private var remaining = 0

    /// True while a character has started but not finished.
    var hasPartialCharacter: Bool { remaining > 0 }

    /// The scalar this byte completes, if any.
    @inline(__always)
    mutating func decode(_ byte: UInt8) -> UInt32? {
        if remaining > 0 {
            if byte & 0xC0 == 0x80 {
                scalar = scalar << 6 | UInt32(byte & 0x3F)
                remaining -= 1
                return remaining == 0 ? scalar : nil
            }
            remaining = 0
        }
        switch byte {
        case 0x00...0x7F:
            return UInt32(byte)
        case 0xC2...0xDF:
            scalar = UInt32(byte & 0x1F)
            remaining = 1
        case 0xE0...0xEF:
            scalar = UInt32(byte & 0x0F)
            remaining = 2
        case 0xF0...0xF4:
            scalar = UInt32(byte & 0x07)
            remaining = 3
        default:
            return 0xFFFD
        }
        return nil
    }
}
