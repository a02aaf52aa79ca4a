// Display pieces: a logical line longer than `pieceLength` bytes is laid out in pieces of at most that size, each wrapped
// on its own. Wrapping near the cursor then costs O(pieceLength), not O(line): a 1 MB prompt without a line break stays
// responsive. (The only visible effect is a row break every few KB inside such a line.)
import Foundation

extension PromptEditor {
    static let pieceLength = 4096

    /// Offset of the first byte of the logical line holding `offset` (a byte scan, no grapheme work).
    func lineStart(containing offset: Int) -> Int {
        guard offset > 0 else { return 0 }
        var text = self.text
        return text.withUTF8 { buf -> Int in
            // memrchr is a GNU extension Swift does not see; a plain backward scan over the bytes.
            var i = min(offset, buf.count) - 1
            while i >= 0, buf[i] != 0x0A { i -= 1 }
            return i + 1
        }
    }

    /// Offset of the line break ending the logical line holding `offset` (or the end of the text); memchr.
    func lineEnd(containing offset: Int) -> Int {
        var text = self.text
        return text.withUTF8 { buf -> Int in
            guard offset < buf.count, let base = buf.baseAddress else { return buf.count }
            guard let hit = memchr(base + offset, 0x0A, buf.count - offset) else { return buf.count }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The first grapheme boundary at or after `offset`.
    func boundary(atOrAfter offset: Int) -> Int {
        var i = text.utf8.index(text.utf8.startIndex, offsetBy: min(offset, length))
        // Byte by byte: a grapheme is a few bytes long, so this stops quickly.
        while i < text.endIndex, i.samePosition(in: text) == nil { i = text.utf8.index(after: i) }
        return self.offset(of: i)
    }

    /// Start of the k-th piece of the logical line starting at `lineStart`.
    private func pieceStart(line lineStart: Int, index k: Int) -> Int {
        k == 0 ? lineStart : boundary(atOrAfter: lineStart + k * Self.pieceLength)
    }

    /// Start of the piece holding `offset`.
    func pieceStart(containing offset: Int) -> Int {
        let line = lineStart(containing: offset)
        var k = (offset - line) / Self.pieceLength
        while k > 0, pieceStart(line: line, index: k) > offset { k -= 1 }
        return pieceStart(line: line, index: k)
    }

    /// End of the piece starting at `start` (a line break, the end of the text, or the next piece's start).
    func pieceEnd(startingAt start: Int) -> Int {
        let line = lineStart(containing: start)
        let end = lineEnd(containing: start)
        let k = (start - line) / Self.pieceLength
        return min(end, pieceStart(line: line, index: k + 1))
    }

    /// The piece after the one starting at `start`, or nil at the end of the text.
    func nextPieceStart(after start: Int) -> Int? {
        let end = pieceEnd(startingAt: start)
        if end >= length { return nil }
        return text.utf8[text.stringIndex(utf8Offset: end)] == 0x0A ? end + 1 : end
    }

    /// The piece before the one starting at `start`, or nil at the start of the text.
    func previousPieceStart(before start: Int) -> Int? {
        start > 0 ? pieceStart(containing: start - 1) : nil
    }
}
