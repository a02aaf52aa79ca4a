import Foundation

// LocalEngine's transformer: a llama-, qwen2- or gemma3-architecture model running from a memory-mapped GGUF file.
//
// Public API
//   let file  = try GGUFFile(path: path)
//   let model = try LlamaModel(file: file, threads: 2, contextLength: 2048)   // contextLength nil = trained context
//   model.config                      // LlamaConfig: vocabSize, contextLength, embeddingLength, layerCount, …
//   let cache = model.makeCache()     // KVCache: one per sequence; reset(), truncate(to:), count, capacity
//   let rows  = try model.forward([SequenceBatchEntry(cache: a, tokens: prompt),
//                                  SequenceBatchEntry(cache: b, tokens: [next], allLogits: false)])
//   rows[i]                           // entry i's logits: one row (its last token), or one per token if allLogits
//   try model.forward(cache: a, tokens: [t]) -> [Float]   // convenience: last-token logits of one sequence
//   tokens are [Int] (map the tokenizer's Int32 ids); errors are LlamaModelError, thrown before any cache changes.
//   LlamaModel(file:threads:contextLength:maxBatchRows:roundsActivations:kernels:) — maxBatchRows (128) bounds one
//   internal pass; roundsActivations (true) selects the fast 8-bit-activation kernels, false the float reference path;
//   kernels (the CPU's best, MatmulKernelLevel.detected) which implementation of them runs.
//
// One forward call handles prompt prefill and concurrent decoding alike: the tokens of all entries become the rows
// of one batch, every matmul runs matrix × rows (weights are read once per batch), and attention runs per row
// against that row's own sequence cache. Calls are serialised (the model owns one set of scratch buffers).

/// One sequence's share of a batched forward pass.
public struct SequenceBatchEntry: Sendable {
    public let cache: KVCache
    public let tokens: [Int]
    /// Return logits for every token (log-probabilities of a text), not only for the last one.
    public let allLogits: Bool

    public init(cache: KVCache, tokens: [Int], allLogits: Bool = false) {
        self.cache = cache
        self.tokens = tokens
        self.allLogits = allLogits
    }
}

public enum LlamaModelError: Error, CustomStringConvertible, Equatable {
    case contextFull(capacity: Int, used: Int, adding: Int)
    case tokenOutOfRange(Int, vocabSize: Int)
    case emptyEntry
    case cacheUsedTwice
    case cacheFromAnotherModel

    public var description: String {
        switch self {
        case .contextFull(let capacity, let used, let adding):
            return "context full: \(used) of \(capacity) positions used, cannot add \(adding) more"
        case .tokenOutOfRange(let token, let vocabSize): return "token id \(token) outside the vocabulary (0..<\(vocabSize))"
        case .emptyEntry: return "a batch entry has no tokens"
        case .cacheUsedTwice: return "the same KV cache appears twice in one batch"
        case .cacheFromAnotherModel: return "the KV cache does not match this model's shape"
        }
    }
}

public final class LlamaModel: @unchecked Sendable {  // mutable scratch is guarded by `lock`
    public let config: LlamaConfig
    public let file: GGUFFile
    public var threadCount: Int { pool.threadCount }
    /// Token rows processed per internal pass; longer batches are split (each sequence keeps its order).
    public let maxBatchRows: Int
    /// Whether matmuls with quantized weights round activations to 8 bits (fast integer kernels, as llama.cpp does);
    /// false selects float activations throughout (a slower reference path, for tests).
    public let roundsActivations: Bool
    /// The implementation of the 8-bit-activation kernels (portable Swift or the CPU's vector instructions).
    public let kernels: MatmulKernelLevel

    let weights: LlamaWeights
    let pool: WorkerPool
    let scratch: ForwardScratch
    let ropeFrequencies: [Float]
    /// gemma3's sliding-window layers rotate with their own base.
    let slidingRopeFrequencies: [Float]
    private let lock = NSLock()

    public init(file: GGUFFile, threads: Int = 1, contextLength: Int? = nil, maxBatchRows: Int = 128,
                roundsActivations: Bool = true, kernels: MatmulKernelLevel = .detected) throws {
        self.file = file
        self.roundsActivations = roundsActivations
        self.kernels = min(kernels, .detected)
        config = try LlamaConfig(file: file, contextLength: contextLength)
        weights = try LlamaWeights(file: file, config: config)
        self.maxBatchRows = max(1, maxBatchRows)
        pool = WorkerPool(threads: max(1, threads))
        scratch = ForwardScratch(config: config, rows: self.maxBatchRows, logitRows: 16, threads: pool.threadCount)
        ropeFrequencies = TransformerMath.ropeFrequencies(base: config.ropeFrequencyBase,
                                                          ropeDimensions: config.ropeDimensionCount)
        slidingRopeFrequencies = TransformerMath.ropeFrequencies(base: config.slidingRopeFrequencyBase,
                                                                 ropeDimensions: config.ropeDimensionCount)
    }

    /// Loads the file at `path` (convenience for `LlamaModel(file: GGUFFile(path:))`).
    public convenience init(path: String, threads: Int = 1, contextLength: Int? = nil) throws {
        try self.init(file: try GGUFFile(path: path), threads: threads, contextLength: contextLength)
    }

    deinit {
        pool.shutDown()
    }

    /// A fresh, empty cache for one sequence (`capacity` defaults to the model's context length).
    public func makeCache(capacity: Int? = nil) -> KVCache {
        KVCache(layerCount: config.layerCount, kvDimension: config.kvDimension,
                capacity: min(capacity ?? config.contextLength, config.contextLength))
    }

    /// Logits for the last of `tokens`, appended to `cache`.
    public func forward(cache: KVCache, tokens: [Int]) throws -> [Float] {
        try forward([SequenceBatchEntry(cache: cache, tokens: tokens)])[0].last!
    }

    /// Runs all entries' tokens as one batch; returns, per entry, its logit rows (see `SequenceBatchEntry.allLogits`).
    /// On a thrown error no cache has changed.
    public func forward(_ batch: [SequenceBatchEntry]) throws -> [[[Float]]] {
        lock.lock()
        defer { lock.unlock() }
        var seen = Set<ObjectIdentifier>()
        for entry in batch {
            guard !entry.tokens.isEmpty else { throw LlamaModelError.emptyEntry }
            guard seen.insert(ObjectIdentifier(entry.cache)).inserted else { throw LlamaModelError.cacheUsedTwice }
            guard entry.cache.layerCount == config.layerCount, entry.cache.kvDimension == config.kvDimension else {
                throw LlamaModelError.cacheFromAnotherModel
            }
            guard entry.tokens.count <= entry.cache.remaining else {
                throw LlamaModelError.contextFull(capacity: entry.cache.capacity, used: entry.cache.count,
                                                  adding: entry.tokens.count)
            }
            for t in entry.tokens where t < 0 || t >= config.vocabSize {
                throw LlamaModelError.tokenOutOfRange(t, vocabSize: config.vocabSize)
            }
        }

        var results = [[[Float]]](repeating: [], count: batch.count)
        var rows: [BatchRow] = []
        // Positions come from the counts before this call: a long batch runs in several passes, each advancing counts.
        let startPositions = batch.map { $0.cache.count }
        for (index, entry) in batch.enumerated() {
            for (offset, token) in entry.tokens.enumerated() {
                let isLast = offset == entry.tokens.count - 1
                rows.append(BatchRow(entry: index, cache: entry.cache, token: token,
                                     position: startPositions[index] + offset, wantsLogits: entry.allLogits || isLast))
                if rows.count == maxBatchRows {
                    runPass(rows, into: &results)
                    rows.removeAll(keepingCapacity: true)
                }
            }
        }
        if !rows.isEmpty { runPass(rows, into: &results) }
        return results
    }
}

/// One token row of a pass: which sequence it belongs to and where it sits in it.
struct BatchRow {
    let entry: Int
    let cache: KVCache
    let token: Int
    let position: Int
    let wantsLogits: Bool
}
