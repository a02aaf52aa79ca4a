// The parameters pane's keys and answers, carried out by the shared pane (Widgets/ParameterPane).
import SynthKit

extension PlaygroundState {
    /// The row under the cursor.
    var selectedParameterRow: (row: ParameterRow, enabled: Bool)? { parameterPane.selectedRow(for: engine.family) }

    /// The rows the current engine's backend refused are off, saying so (they are no longer sent to it).
    mutating func markRefusedParameters() {
        let backend = engine.backend ?? backendName
        let refused = refusedParameters[backend] ?? []
        parameterPane.unused = Dictionary(uniqueKeysWithValues: refused.map {
            ($0, "\(backend) refused it: no longer sent there")
        })
        clampParameterCursor()
    }

    mutating func clampParameterCursor() { parameterPane.clampCursor(for: engine.family) }

    mutating func moveParameterCursor(by delta: Int) { parameterPane.moveCursor(by: delta, for: engine.family) }

    /// A key from the pane's tables (rows that do not apply to this engine take none).
    mutating func adjustParameter(_ action: ParameterPaneAction, key: KeyPress, effects: inout [Effect]) {
        parameterChanged(parameterPane.apply(action, key: key, engine: engine), effects: &effects)
    }

    /// Saves what changed; a word to bias is sent to the tokenizer.
    mutating func parameterChanged(_ outcome: ParameterPaneOutcome, effects: inout [Effect]) {
        switch outcome {
        case .unchanged: return
        case .changed: break
        case .tokenize(let word):
            guard engine.backend == nil else {
                parameterNotice = Notice("token ids come from \(backendName)'s tokenizer, which does not run \(engine.id)",
                                         isError: true)
                return
            }
            effects.append(.tokenize(text: word, engine: engine.id, purpose: .biasWord(word)))
        }
        scheduleSave(effects: &effects)
    }
}
