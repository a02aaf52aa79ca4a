import SynthUI
import TerminalBackend

extension Array where Element == Event {
    /// Joins runs of adjacent `.streamChunk` events for the same request and completion into one event.
    /// A fast stream hands the loop hundreds of pieces per wake-up; appending them one by one would wrap and
    /// re-render the output's last line for each. Order and every other event are kept as they are.
    func mergingStreamChunks() -> [Event] {
        var merged: [Event] = []
        merged.reserveCapacity(count)
        var run: (id: RequestKey, index: Int, text: String)?
        for event in self {
            if case .streamChunk(let id, let index, let text) = event {
                if let current = run, current.id == id, current.index == index {
                    run!.text += text  // in place: a long run costs its length, not its length squared
                    continue
                }
                if let current = run { merged.append(.streamChunk(request: current.id, index: current.index, text: current.text)) }
                run = (id, index, text)
            } else {
                if let current = run { merged.append(.streamChunk(request: current.id, index: current.index, text: current.text)) }
                run = nil
                merged.append(event)
            }
        }
        if let current = run { merged.append(.streamChunk(request: current.id, index: current.index, text: current.text)) }
        return merged
    }
}
