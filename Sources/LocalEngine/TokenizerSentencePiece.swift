// SentencePiece-style BPE as llama.cpp runs it for `tokenizer.ggml.model = "llama"` vocabularies (Gemma, Llama 2):
// spaces are written "▁", the text starts as one symbol per character, and the adjacent pair whose joined spelling
// is the best-scored vocabulary entry merges first (ties: the leftmost), until no joined pair is in the vocabulary.
// A character without a token of its own becomes its UTF-8 bytes as <0xNN> tokens (byte fallback).

struct SentencePieceEncoder: Sendable {
    let scores: [Float]
    /// The <0xNN> token of each byte (-1 where the vocabulary has none).
    let byteTokenIDs: [Int32]
    /// Whether a text that starts a prompt, or follows a special token, gets a space in front (llama.cpp's rule).
    let addSpacePrefix: Bool

    static let space = "\u{2581}"

    /// The <0xNN> spelling of a byte token, or nil.
    static func byteValue(of token: String) -> UInt8? {
        guard token.count == 6, token.hasPrefix("<0x"), token.hasSuffix(">") else { return nil }
        return UInt8(token.dropFirst(3).dropLast(), radix: 16)
    }

    /// Appends the tokens of `text` (no special tokens in it); `lookup` finds the id of a spelling given as UTF-8.
    func encode(_ text: String, lookup: (ArraySlice<UInt8>) -> Int32?, into output: inout [Int32]) {
        let escaped = Array(text.replacingOccurrences(of: " ", with: Self.space).utf8)
        // Symbols are byte ranges of the escaped text, one per character to begin with, linked left to right;
        // a symbol merged into its left neighbour has length 0.
        let start = escaped.indices.filter { escaped[$0] & 0xC0 != 0x80 }
        let count = start.count
        guard count > 0 else { return }
        var end = (0..<count).map { $0 + 1 < count ? start[$0 + 1] : escaped.count }
        var length = [Int](repeating: 1, count: count)
        var previous = (0..<count).map { $0 - 1 }, next = (0..<count).map { $0 + 1 < count ? $0 + 1 : -1 }
        var candidates = BinaryHeap<Bigram>()

        func consider(_ left: Int, _ right: Int) {
            guard left >= 0, right >= 0, let id = lookup(escaped[start[left]..<end[right]]) else { return }
            candidates.push(Bigram(score: scores[Int(id)], left: left, right: right, length: length[left] + length[right]))
        }
        for index in 1..<count { consider(index - 1, index) }
        while let best = candidates.pop() {
            let left = best.left, right = best.right
            // Skip pairs made stale by an earlier merge.
            guard length[left] > 0, length[right] > 0, length[left] + length[right] == best.length else { continue }
            length[left] += length[right]
            length[right] = 0
            end[left] = end[right]
            next[left] = next[right]
            if next[right] >= 0 { previous[next[right]] = left }
            consider(previous[left], left)
            consider(left, next[left])
        }
        var index = 0
        while index >= 0 {
            let piece = escaped[start[index]..<end[index]]
            if let id = lookup(piece) {
                output.append(id)
            } else {
                for byte in piece where byteTokenIDs[Int(byte)] >= 0 { output.append(byteTokenIDs[Int(byte)]) }
            }
            index = next[index]
        }
    }
}

/// A pair of adjacent symbols whose joined spelling is a token: the best score merges first, then the leftmost.
struct Bigram: Comparable {
    let score: Float
    let left: Int
    let right: Int
    let length: Int

    /// "Less" is "merges first": the heap pops its smallest.
    static func < (a: Bigram, b: Bigram) -> Bool {
        a.score != b.score ? a.score > b.score : a.left < b.left
    }
}
