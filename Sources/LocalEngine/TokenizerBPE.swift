// Byte-pair merging of one pre-tokenized word. Symbols are token ids from the start (one per byte),
// so a merge is a lookup of the id pair; the lowest-ranked pair merges first, ties go to the
// leftmost pair (as llama.cpp and HF tokenizers do). A heap keeps long words (CJK runs,
// long whitespace or punctuation) near n·log n.

struct TokenizerMergeTable: Sendable {
    /// (left id << 32 | right id) -> (rank << 32 | merged id)
    private var entries: [UInt64: UInt64] = [:]

    init() {}

    mutating func add(left: Int32, right: Int32, merged: Int32, rank: Int) {
        let key = UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
        // A repeated pair keeps its first (best) rank.
        if entries[key] == nil {
            entries[key] = UInt64(UInt32(rank)) << 32 | UInt64(UInt32(bitPattern: merged))
        }
    }

    var count: Int { entries.count }

    @inline(__always)
    func lookup(_ left: Int32, _ right: Int32) -> (rank: Int32, merged: Int32)? {
        let key = UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
        guard let value = entries[key] else { return nil }
        return (Int32(truncatingIfNeeded: value >> 32), Int32(truncatingIfNeeded: value & 0xFFFF_FFFF))
    }

    /// The tokens of one word given as the ids of its bytes.
    func merge(_ initial: [Int32]) -> [Int32] {
        let count = initial.count
        if count < 2 { return initial }
        if count == 2 {
            if let pair = lookup(initial[0], initial[1]) { return [pair.merged] }
            return initial
        }
        var ids = initial
        var previous = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { buffer[index] = Int32(index) - 1 }
            initialized = count
        }
        var next = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { buffer[index] = index + 1 < count ? Int32(index + 1) : -1 }
            initialized = count
        }
        var alive = [Bool](repeating: true, count: count)
        var heap = BinaryHeap<MergeCandidate>()
        for index in 0..<(count - 1) {
            if let pair = lookup(ids[index], ids[index + 1]) {
                heap.push(MergeCandidate(rank: pair.rank, left: Int32(index), right: Int32(index + 1),
                                         leftID: ids[index], rightID: ids[index + 1], merged: pair.merged))
            }
        }
        while let candidate = heap.pop() {
            let left = Int(candidate.left), right = Int(candidate.right)
            // Skip candidates made stale by an earlier merge.
            guard alive[left], alive[right], next[left] == candidate.right,
                  ids[left] == candidate.leftID, ids[right] == candidate.rightID else { continue }
            ids[left] = candidate.merged
            alive[right] = false
            let after = next[right]
            next[left] = after
            if after >= 0 { previous[Int(after)] = Int32(left) }
            let before = previous[left]
            if before >= 0, let pair = lookup(ids[Int(before)], ids[left]) {
                heap.push(MergeCandidate(rank: pair.rank, left: before, right: Int32(left),
                                         leftID: ids[Int(before)], rightID: ids[left], merged: pair.merged))
            }
            if after >= 0, let pair = lookup(ids[left], ids[Int(after)]) {
                heap.push(MergeCandidate(rank: pair.rank, left: Int32(left), right: after,
                                         leftID: ids[left], rightID: ids[Int(after)], merged: pair.merged))
            }
        }
        var result: [Int32] = []
        var index: Int32 = 0
        while index >= 0 {
            result.append(ids[Int(index)])
            index = next[Int(index)]
        }
        return result
    }
}

struct MergeCandidate: Comparable {
    var rank: Int32
    var left: Int32
    var right: Int32
    var leftID: Int32
    var rightID: Int32
    var merged: Int32

    /// Merges first: the lowest rank, then the leftmost.
    @inline(__always)
    static func < (a: MergeCandidate, b: MergeCandidate) -> Bool {
        a.rank != b.rank ? a.rank < b.rank : a.left < b.left
    }
}

/// A binary min-heap: `pop` gives the smallest element (for merges, the one that merges first).
struct BinaryHeap<Element: Comparable> {
    private var items: [Element] = []

    mutating func push(_ item: Element) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            let count = items.count
            while true {
                let left = 2 * parent + 1, right = left + 1
                var best = parent
                if left < count && items[left] < items[best] { best = left }
                if right < count && items[right] < items[best] { best = right }
                if best == parent { break }
                items.swapAt(parent, best)
                parent = best
            }
        }
        return top
    }
}
