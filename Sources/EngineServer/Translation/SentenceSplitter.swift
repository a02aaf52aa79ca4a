// Cuts a text into translatable pieces and the whitespace between them, so the translation can be put back
// together with the original spacing and line breaks.

struct SplitText: Equatable {
    /// The pieces to translate, each without leading/trailing whitespace and without line breaks.
    var pieces: [String]
    /// gaps[i] is the whitespace before pieces[i]; gaps has one more entry (the trailing whitespace).
    var gaps: [String]

    /// Puts translated pieces (same count, same order) back between the original gaps.
    func joined(with translated: [String]) -> String {
        var result = ""
        for (index, piece) in translated.enumerated() {
            result += gaps[index]
            result += piece
        }
        return result + (gaps.last ?? "")
    }
}

enum SentenceSplitter {
    /// Abbreviations whose period does not end a sentence (lowercased, without the period).
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "no", "fig", "approx",
        "sra", "srta", "mme", "mlle", "m", "p.ej", "núm", "av",
    ]

    /// Always cuts at line breaks; with `sentences`, also after '.', '!', '?', '…' (and closing quotes)
    /// followed by whitespace, except after a known abbreviation.
    static func split(_ text: String, sentences: Bool) -> SplitText {
        var pieces: [String] = []
        var gaps: [String] = []
        var gap = ""
        var piece = ""
        let characters = Array(text)
        var index = 0

        func endPiece() {
            let trimmed = piece.trimmingTrailingWhitespace()
            let trailing = String(piece.dropFirst(trimmed.count))
            if !trimmed.isEmpty {
                gaps.append(gap)
                pieces.append(trimmed)
                gap = trailing
            } else {
                gap += trailing
            }
            piece = ""
        }

        while index < characters.count {
            let character = characters[index]
            if character.isNewline {
                endPiece()
                gap.append(character)
            } else if character.isWhitespace && piece.isEmpty {
                gap.append(character)
            } else {
                piece.append(character)
                if sentences && endsSentence(characters, at: index, piece: piece) { endPiece() }
            }
            index += 1
        }
        endPiece()
        gaps.append(gap)
        return SplitText(pieces: pieces, gaps: gaps)
    }

    private static func endsSentence(_ characters: [Character], at index: Int, piece: String) -> Bool {
        let next = index + 1 < characters.count ? characters[index + 1] : nil
        guard let next, next.isWhitespace else { return false }
        let closing: Set<Character> = ["\"", "'", ")", "»", "”", "’"]
        var end = piece.endIndex
        while end > piece.startIndex, closing.contains(piece[piece.index(before: end)]) { end = piece.index(before: end) }
        guard end > piece.startIndex else { return false }
        let mark = piece[piece.index(before: end)]
        guard mark == "." || mark == "!" || mark == "?" || mark == "…" else { return false }
        if mark == "." {
            let body = piece[..<piece.index(before: end)]
            let lastWord = body.split(whereSeparator: \.isWhitespace).last.map { String($0).lowercased() } ?? ""
            if abbreviations.contains(lastWord) { return false }
            // A single capital letter ("J. Smith") is an initial, not a sentence.
            if lastWord.count == 1, lastWord.first?.isLetter == true { return false }
        }
        return true
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[..<end])
    }
}
