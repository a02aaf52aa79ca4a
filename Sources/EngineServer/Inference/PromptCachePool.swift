// KV caches of sequences that ended, kept with the tokens they hold, so a new sequence that starts with the same
// tokens (the next chat turn, an edited prompt, logprobs of several continuations of one context) skips
// re-evaluating that prefix: the cache is cut back to the shared prefix and only the rest is fed.
// Used only on the inference thread.

import LocalEngine

struct PromptCachePool {
    let capacity: Int
    private var entries: [(tokens: [Int32], cache: KVCache)] = []

    init(capacity: Int) { self.capacity = max(0, capacity) }

    /// Keeps a cache holding `tokens` (its first `tokens.count` positions); the oldest is dropped when full.
    mutating func put(_ cache: KVCache, holding tokens: [Int32]) {
        guard capacity > 0, !tokens.isEmpty, tokens.count == cache.count else { return }
        entries.append((tokens, cache))
        if entries.count > capacity { entries.removeFirst() }
    }

    /// Takes the cache whose tokens share the longest prefix with `tokens` (counting at most `limit` tokens) and
    /// can hold `minimumCapacity` positions; it comes back cut to that prefix. Nil when nothing is shared.
    mutating func take(sharing tokens: [Int32], limit: Int, minimumCapacity: Int) -> (cache: KVCache, reused: Int)? {
        var best: (index: Int, shared: Int)?
        for (index, entry) in entries.enumerated() where entry.cache.capacity >= minimumCapacity {
            let shared = Self.commonPrefixLength(entry.tokens, tokens, limit: limit)
            if shared > (best?.shared ?? 0) { best = (index, shared) }
        }
        guard let best else { return nil }
        let cache = entries.remove(at: best.index).cache
        cache.truncate(to: best.shared)
        return (cache, best.shared)
    }

    /// Takes the oldest kept cache that can hold `minimumCapacity` positions, emptied: for a sequence that shares
    /// nothing, its already-resident pages serve again where a fresh cache would add as many (issue 16).
    mutating func takeOldest(minimumCapacity: Int) -> KVCache? {
        guard let index = entries.firstIndex(where: { $0.cache.capacity >= minimumCapacity }) else { return nil }
        let cache = entries.remove(at: index).cache
        cache.reset()
        return cache
    }

    /// How many tokens `take` would reuse, without taking anything.
    func longestShared(with tokens: [Int32], limit: Int, minimumCapacity: Int) -> Int {
        entries.filter { $0.cache.capacity >= minimumCapacity }
            .map { Self.commonPrefixLength($0.tokens, tokens, limit: limit) }.max() ?? 0
    }

    static func commonPrefixLength(_ a: [Int32], _ b: [Int32], limit: Int) -> Int {
        let end = min(a.count, b.count, max(0, limit))
        var length = 0
        while length < end && a[length] == b[length] { length += 1 }
        return length
    }
}
