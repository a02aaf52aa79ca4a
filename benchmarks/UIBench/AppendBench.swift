// Figure a: appending a streamed chunk costs the same whether the output holds 1k tokens or 1M (~4.5 MB).
// Each chunk goes through `update(state:event:)` with `.streamChunk`, exactly as the runtime delivers it; the runtime
// renders per frame (not per chunk), so the frame render over each output is timed too.
import SynthKit
import SynthUI

struct AppendResult {
    var smallTokens: Int
    var largeTokens: Int
    var largeBytes: Int
    var largeLines: Int
    /// Median nanoseconds per chunk (update only) and per render of the whole screen, over the rounds.
    var smallChunk: Double
    var largeChunk: Double
    var smallRender: Double
    var largeRender: Double
    /// The same, best round (least disturbed by other processes).
    var smallChunkBest: Double
    var largeChunkBest: Double
    var smallRenderBest: Double
    var largeRenderBest: Double
    /// Lines wrapped per appended chunk in the large output (1–2 means only the last line is rewrapped).
    var linesRewrappedPerChunk: Double

    var chunkRatio: Double { largeChunk / smallChunk }
    var renderRatio: Double { largeRender / smallRender }
    var chunkBestRatio: Double { largeChunkBest / smallChunkBest }
    var renderBestRatio: Double { largeRenderBest / smallRenderBest }
}

enum AppendBench {
    static func run(columns: Int = 120, rows: Int = 40, smallTokens: Int = 1_000, largeTokens: Int = 1_000_000,
                    rounds: Int = 101, chunksPerBatch: Int = 128, rendersPerBatch: Int = 4) -> AppendResult {
        var source = ChunkSource(seed: 0xA11E_9D)
        var (small, smallID) = streamingPlayground(columns: columns, rows: rows)
        var (large, largeID) = streamingPlayground(columns: columns, rows: rows)
        fill(&small, requestID: smallID, tokens: smallTokens, source: &source)
        fill(&large, requestID: largeID, tokens: largeTokens, source: &source)

        // The same chunks for both outputs, made ahead.
        let chunks = source.chunks(rounds * chunksPerBatch)
        var smallChunk: [Double] = []
        var largeChunk: [Double] = []
        var smallRender: [Double] = []
        var largeRender: [Double] = []
        var smallGrid = CellGrid(columns: columns, rows: rows)
        var largeGrid = CellGrid(columns: columns, rows: rows)
        render(small, into: &smallGrid)
        render(large, into: &largeGrid)
        let rewrappedBefore = large.playground.outputs[0].linesRewrapped

        func appendBatch(_ state: inout AppState, id: RequestKey, round: Int) -> Double {
            let start = nowNanoseconds()
            for i in round * chunksPerBatch..<(round + 1) * chunksPerBatch {
                _ = update(state: &state, event: .streamChunk(request: id, index: 0, text: chunks[i]))
            }
            return Double(nowNanoseconds() - start) / Double(chunksPerBatch)
        }
        func renderBatch(_ state: AppState, into grid: inout CellGrid) -> Double {
            let start = nowNanoseconds()
            for _ in 0..<rendersPerBatch { render(state, into: &grid) }
            return Double(nowNanoseconds() - start) / Double(rendersPerBatch)
        }

        // Interleaved rounds, alternating which output goes first, so drift in machine speed hits both alike.
        for round in 0..<rounds {
            if round % 2 == 0 {
                smallChunk.append(appendBatch(&small, id: smallID, round: round))
                largeChunk.append(appendBatch(&large, id: largeID, round: round))
                smallRender.append(renderBatch(small, into: &smallGrid))
                largeRender.append(renderBatch(large, into: &largeGrid))
            } else {
                largeChunk.append(appendBatch(&large, id: largeID, round: round))
                smallChunk.append(appendBatch(&small, id: smallID, round: round))
                largeRender.append(renderBatch(large, into: &largeGrid))
                smallRender.append(renderBatch(small, into: &smallGrid))
            }
        }
        let doc = large.playground.outputs[0]
        precondition(doc.text.hasSuffix(chunks.last!) && large.playground.outputFollows, "the chunks did not reach the large output")
        precondition(largeGrid.text.contains(lastLineText(of: doc)), "the large output's pane does not show the streamed end")
        return AppendResult(
            smallTokens: smallTokens, largeTokens: largeTokens, largeBytes: doc.text.utf8.count, largeLines: doc.lines.count,
            smallChunk: smallChunk.median, largeChunk: largeChunk.median,
            smallRender: smallRender.median, largeRender: largeRender.median,
            smallChunkBest: smallChunk.minimum, largeChunkBest: largeChunk.minimum,
            smallRenderBest: smallRender.minimum, largeRenderBest: largeRender.minimum,
            linesRewrappedPerChunk: Double(doc.linesRewrapped - rewrappedBefore) / Double(rounds * chunksPerBatch))
    }
}

/// The text of the last non-empty wrapped line, without the trailing spaces that drawing clips.
func lastLineText(of doc: OutputDocument) -> String {
    guard let line = doc.lines.last(where: { $0.end > $0.start }) else { return "" }
    let utf8 = doc.text.utf8
    let text = doc.text[utf8.index(utf8.startIndex, offsetBy: line.start)..<utf8.index(utf8.startIndex, offsetBy: line.end)]
    return String(text.reversed().drop { $0 == " " }.reversed())
}
