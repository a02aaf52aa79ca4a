// Where outputs that start alike stop agreeing, counted in graphemes (what a reader sees as characters).

public enum FirstDivergence {
    /// Length in graphemes of the beginning all `texts` share. Empty input or a single text shares nothing to compare.
    public static func commonPrefixLength(_ texts: [String]) -> Int {
        guard texts.count >= 2 else { return 0 }
        var iterators = texts.map { $0.makeIterator() }
        var length = 0
        while true {
            guard let c = iterators[0].next() else { return length }
            for i in 1..<iterators.count {
                guard let d = iterators[i].next(), d == c else { return length }
            }
            length += 1
        }
    }

    /// For each text, how many graphemes it shares with the first text (the first text's own entry is the
    /// common prefix of all, so that it too shows where the group parts).
    public static func againstFirst(_ texts: [String]) -> [Int] {
        guard let first = texts.first else { return [] }
        return texts.indices.map { i in
            i == 0 ? commonPrefixLength(texts) : commonPrefixLength([first, texts[i]])
        }
    }

    /// The grapheme offset to mark in each text: where it departs (0 when it differs from the first character), or
    /// nil when it has not yet gone past the shared part (nothing departs yet). Pairwise, the first text is the
    /// reference the others are measured against: it has no mark of its own.
    public static func marks(_ texts: [String], pairwise: Bool) -> [Int?] {
        guard texts.count >= 2 else { return texts.map { _ in nil } }
        let shared = pairwise ? againstFirst(texts) : Array(repeating: commonPrefixLength(texts), count: texts.count)
        return texts.indices.map { i in
            let n = shared[i]
            guard !(pairwise && i == 0), texts[i].count > n else { return nil }
            return n
        }
    }

    /// The UTF-8 offset of grapheme number `index` in `text` (its end when `index` ≥ the count).
    public static func utf8Offset(ofGrapheme index: Int, in text: String) -> Int {
        var offset = 0
        var i = 0
        for c in text {
            if i == index { return offset }
            offset += c.utf8.count
            i += 1
        }
        return offset
    }
}
