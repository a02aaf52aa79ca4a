// GPT-2's reversible byte <-> character mapping: byte-level BPE vocabularies store every
// byte as a printable Unicode character, so a token string like "Ġthe" stands for " the".

enum TokenizerByteMapping {
    /// The character (as a Unicode scalar value) that stands for each byte 0...255.
    static let scalarForByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var shifted: UInt32 = 0
        for byte in 0..<256 {
            let printable = (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte)
                || (0xAE...0xFF).contains(byte)
            if printable {
                table[byte] = UInt32(byte)
            } else {
                // Bytes without a printable glyph move to 256, 257, … in byte order.
                table[byte] = 256 + shifted
                shifted += 1
            }
        }
        return table
    }()

    /// The byte each mapped character stands for (indexed by scalar value, < 324), or nil.
    static let byteForScalar: [Int16] = {
        var table = [Int16](repeating: -1, count: 324)
        for (byte, scalar) in scalarForByte.enumerated() { table[Int(scalar)] = Int16(byte) }
        return table
    }()

    /// The vocabulary spelling of raw bytes.
    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text = String.UnicodeScalarView()
        for byte in bytes { text.append(Unicode.Scalar(scalarForByte[Int(byte)])!) }
        return String(text)
    }

    /// The raw bytes a vocabulary spelling stands for, or nil when a character is not a mapped byte.
    static func decode(_ spelling: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(spelling.unicodeScalars.count)
        for scalar in spelling.unicodeScalars {
            let value = Int(scalar.value)
            guard value < byteForScalar.count, byteForScalar[value] >= 0 else { return nil }
            bytes.append(UInt8(byteForScalar[value]))
        }
        return bytes
    }
}
