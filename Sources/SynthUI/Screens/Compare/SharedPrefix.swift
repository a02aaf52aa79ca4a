// The beginning several streaming outputs share, kept up to date as chunks arrive: each call only looks at text
// past the point already agreed, so following a stream costs O(new text), and a frame costs nothing.

struct SharedPrefix: Sendable, Equatable {
    /// The columns (by id) compared, in order.
    let members: [Int]
    /// Graphemes every member agrees on so far.
    private(set) var length = 0
    /// Each member's UTF-8 offset at the end of the agreed part.
    private(set) var offsets: [Int]
    /// True once two members differ: texts only grow, so the agreed part can no longer change.
    private(set) var settled = false

    init(members: [Int]) {
        self.members = members
        self.offsets = Array(repeating: 0, count: members.count)
    }

    /// Moves the agreed part forward over `texts` (one per member). A member's last grapheme is compared only once
    /// `complete` says its text is final, since a combining mark in the next chunk could still change it.
    mutating func advance(texts: [String], complete: [Bool]) {
        guard members.count >= 2, !settled else { return }
        while true {
            var next = offsets
            var characters: [Character] = []
            for k in members.indices {
                let text = texts[k]
                let count = text.utf8.count
                guard offsets[k] < count else { return }
                let index = text.stringIndex(utf8Offset: offsets[k])
                let after = text.index(after: index)
                let end = text.utf8.distance(from: text.utf8.startIndex, to: after)
                if end == count, !complete[k] { return }
                characters.append(text[index])
                next[k] = end
            }
            if characters.contains(where: { $0 != characters[0] }) {
                settled = true
                return
            }
            offsets = next
            length += 1
        }
    }

    /// Where each member departs: the agreed length and the member's UTF-8 offset there. A member is marked when it
    /// has text past the shared part and the others are known to part there: two differ, or one ended. That may be
    /// at the very first character. While the only thing in the way is a grapheme that may still grow, nothing is
    /// marked yet.
    func marks(textLengths: [Int]) -> [(graphemes: Int, utf8: Int)?] {
        let someoneEnded = members.indices.contains { offsets[$0] >= textLengths[$0] }
        return members.indices.map { k in
            guard members.count >= 2, offsets[k] < textLengths[k], settled || someoneEnded else { return nil }
            return (length, offsets[k])
        }
    }
}
