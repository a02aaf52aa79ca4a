import SynthKit
import SynthUI
import TerminalBackend

extension Array where Element == Event {
    /// Joins runs of adjacent `.streamChunk` (and `.streamTokens`) events for the same request and completion into
    /// one event. A fast stream hands the loop hundreds of pieces per wake-up; appending them one by one would wrap
    /// and re-render the output's last line for each. Order and every other event are kept as they are.
    func mergingStreamChunks() -> [Event] {
        var merged: [Event] = []
        merged.reserveCapacity(count)
        var run: (id: RequestKey, index: Int, text: String, tokens: [TokenLogprob]?)?
        func flush() {
            guard let current = run else { return }
            if let tokens = current.tokens {
                merged.append(.streamTokens(request: current.id, index: current.index, text: current.text, tokens: tokens))
            } else {
                merged.append(.streamChunk(request: current.id, index: current.index, text: current.text))
            }
            run = nil
        }
        for event in self {
            let piece: (id: RequestKey, index: Int, text: String, tokens: [TokenLogprob]?)
            switch event {
            case .streamChunk(let id, let index, let text): piece = (id, index, text, nil)
            case .streamTokens(let id, let index, let text, let tokens): piece = (id, index, text, tokens)
            default:
                flush()
                merged.append(event)
                continue
            }
            if let current = run, current.id == piece.id, current.index == piece.index {
                run!.text += piece.text  // in place: a long run costs its length, not its length squared
                if let tokens = piece.tokens {
                    if run!.tokens == nil { run!.tokens = [] }
                    run!.tokens!.append(contentsOf: tokens)  // in place too
                }
                continue
            }
            flush()
            run = piece
        }
        flush()
        return merged
    }
}
