import Foundation

// Candidate selection for sampling: partial top-k selection over the whole vocabulary, then the
// probability filters (typical, nucleus) on the few survivors.

/// A token still in the running, with its (adjusted) logit and its probability among the candidates.
public struct SamplerCandidate: Sendable, Equatable {
    public var id: Int32
    public var logit: Float
    public var probability: Double
}

enum SamplerCandidates {
    /// `a` ranks before `b`: higher logit, then lower id (deterministic ties).
    @inline(__always)
    static func ranksBefore(_ a: (Float, Int32), _ b: (Float, Int32)) -> Bool {
        a.0 != b.0 ? a.0 > b.0 : a.1 < b.1
    }

    /// The `k` best logits, best first, without sorting the whole vocabulary (k <= 0: all of them).
    static func top(_ k: Int, of logits: UnsafeBufferPointer<Float>) -> [(Float, Int32)] {
        let count = logits.count
        if k <= 0 || k >= count {
            var all = (0..<count).map { (logits[$0], Int32($0)) }
            all.sort(by: ranksBefore)
            return all
        }
        // A heap whose root is the worst of the best k seen so far.
        var heap = (0..<k).map { (logits[$0], Int32($0)) }
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var worst = parent
                if left < k && ranksBefore(heap[worst], heap[left]) { worst = left }
                if right < k && ranksBefore(heap[worst], heap[right]) { worst = right }
                if worst == parent { return }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
        for index in stride(from: k / 2 - 1, through: 0, by: -1) { siftDown(index) }
        var threshold = heap[0].0
        for index in k..<count {
            let value = logits[index]
            // Equal values lose to the earlier (lower) id already held.
            if value > threshold {
                heap[0] = (value, Int32(index))
                siftDown(0)
                threshold = heap[0].0
            }
        }
        heap.sort(by: ranksBefore)
        return heap
    }

    /// Softmax of logits / temperature over the candidates (temperature > 0).
    static func withProbabilities(_ ranked: [(Float, Int32)], temperature: Float) -> [SamplerCandidate] {
        guard let best = ranked.first?.0 else { return [] }
        let inverse = 1 / Double(temperature)
        var candidates = ranked.map { entry in
            SamplerCandidate(id: entry.1, logit: entry.0,
                             probability: entry.0 == -.infinity ? 0 : exp((Double(entry.0) - Double(best)) * inverse))
        }
        normalize(&candidates)
        return candidates
    }

    static func normalize(_ candidates: inout [SamplerCandidate]) {
        let total = candidates.reduce(0) { $0 + $1.probability }
        guard total > 0 else { return }
        for index in candidates.indices { candidates[index].probability /= total }
    }

    /// Nucleus: the shortest most-probable prefix whose mass reaches `p` (candidates sorted by probability).
    static func nucleus(_ candidates: [SamplerCandidate], p: Float) -> [SamplerCandidate] {
        guard p < 1, !candidates.isEmpty else { return candidates }
        var mass = 0.0
        var kept = 0
        for candidate in candidates {
            mass += candidate.probability
            kept += 1
            if mass >= Double(p) { break }
        }
        var result = Array(candidates.prefix(kept))
        normalize(&result)
        return result
    }

    /// Locally typical sampling (Meister et al.): keep the candidates whose surprisal is closest to the
    /// entropy until their mass reaches `p`; returned most probable first.
    static func typical(_ candidates: [SamplerCandidate], p: Float) -> [SamplerCandidate] {
        guard p < 1, candidates.count > 1 else { return candidates }
        var entropy = 0.0
        for candidate in candidates where candidate.probability > 0 {
            entropy -= candidate.probability * log(candidate.probability)
        }
        let byTypicality = candidates.enumerated().sorted { a, b in
            let da = a.element.probability > 0 ? abs(-log(a.element.probability) - entropy) : .infinity
            let db = b.element.probability > 0 ? abs(-log(b.element.probability) - entropy) : .infinity
            return da != db ? da < db : a.offset < b.offset
        }
        var mass = 0.0
        var keptOffsets: [Int] = []
        for entry in byTypicality {
            mass += entry.element.probability
            keptOffsets.append(entry.offset)
            if mass >= Double(p) { break }
        }
        keptOffsets.sort()
        var result = keptOffsets.map { candidates[$0] }
        normalize(&result)
        return result
    }
}
