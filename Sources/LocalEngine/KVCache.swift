// The keys and values one sequence has seen so far, for every layer: the attention memory of a conversation.
// Memory is reserved for `capacity` positions up front but only touched (made resident) as positions fill.

public final class KVCache: @unchecked Sendable {  // used by one forward pass at a time (LlamaModel serialises them)
    public let capacity: Int
    /// Positions filled so far; the next token is at position `count`.
    public internal(set) var count = 0

    let layerCount: Int
    let kvDimension: Int
    let keys: UnsafeMutablePointer<Float>
    let values: UnsafeMutablePointer<Float>

    init(layerCount: Int, kvDimension: Int, capacity: Int) {
        self.capacity = capacity
        self.layerCount = layerCount
        self.kvDimension = kvDimension
        keys = .allocate(capacity: layerCount * capacity * kvDimension)
        values = .allocate(capacity: layerCount * capacity * kvDimension)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    public var remaining: Int { capacity - count }

    /// Forgets everything: the next token is at position 0.
    public func reset() { count = 0 }

    /// Takes the first `length` positions of `other` (a cache of the same model): a sequence whose prompt begins
    /// like another's skips evaluating that beginning (the n completions of one prompt, compare columns).
    public func copyPrefix(of other: KVCache, length: Int) {
        precondition(other.layerCount == layerCount && other.kvDimension == kvDimension, "caches of different models")
        precondition(length <= other.count && length <= capacity, "prefix longer than what the caches hold")
        for layer in 0..<layerCount {
            key(layer: layer, position: 0).update(from: other.key(layer: layer, position: 0), count: length * kvDimension)
            value(layer: layer, position: 0).update(from: other.value(layer: layer, position: 0), count: length * kvDimension)
        }
        count = length
    }

    /// Keeps only the first `length` positions (e.g. to re-run from a shared prefix).
    public func truncate(to length: Int) {
        count = max(0, min(count, length))
    }

    @inline(__always)
    func key(layer: Int, position: Int) -> UnsafeMutablePointer<Float> {
        keys + (layer * capacity + position) * kvDimension
    }

    @inline(__always)
    func value(layer: Int, position: Int) -> UnsafeMutablePointer<Float> {
        values + (layer * capacity + position) * kvDimension
    }
}
