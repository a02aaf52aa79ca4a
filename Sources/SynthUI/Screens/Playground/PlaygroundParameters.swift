// Keys of the parameters pane: sliders, typed values, stop strings, logit bias.
import Foundation
import SynthKit

extension PlaygroundState {
    /// The row under the cursor, kept on an enabled row.
    var selectedParameterRow: (row: ParameterRow, enabled: Bool)? {
        let rows = parameterRows
        return rows.indices.contains(parameterCursor) ? rows[parameterCursor] : nil
    }

    mutating func clampParameterCursor() {
        let rows = parameterRows
        parameterCursor = min(max(0, parameterCursor), max(0, rows.count - 1))
        if rows.indices.contains(parameterCursor), !rows[parameterCursor].enabled {
            parameterCursor = rows.firstIndex { $0.enabled } ?? 0
        }
    }

    mutating func moveParameterCursor(by delta: Int) {
        let rows = parameterRows
        var i = parameterCursor
        while true {
            i += delta
            guard rows.indices.contains(i) else { return }
            if rows[i].enabled { parameterCursor = i; return }
        }
    }

    /// A parameters key from the table (rows that do not apply to this engine take none).
    mutating func adjustParameter(_ action: PlaygroundAction, key: KeyPress, effects: inout [Effect]) {
        clampParameterCursor()
        guard let (row, enabled) = selectedParameterRow, enabled else { return }
        switch (action, key.key) {
        case (.chooseParameter, let k): moveParameterCursor(by: k == .up ? -1 : 1)
        case (.nudge, let k): nudge(row, steps: k == .left ? -1 : 1, coarse: key.shift, effects: &effects)
        case (.nudgeCoarse, let k): nudge(row, steps: k == .pageDown ? -1 : 1, coarse: true, effects: &effects)
        case (.firstOrLast, .home): parameterCursor = parameterRows.firstIndex { $0.enabled } ?? 0
        case (.firstOrLast, _): parameterCursor = parameterRows.lastIndex { $0.enabled } ?? 0
        case (.typeValue, _): openInput(for: row, initial: nil)
        case (.startTypingValue, .character(let c)):
            if case .slider = row { openInput(for: row, initial: String(c)) }
            if case .biasEntry = row { openInput(for: row, initial: String(c)) }
        case (.reset, _): reset(row, effects: &effects)
        case (.resetAll, _): resetAllParameters(effects: &effects)
        case (.remove, _): remove(row, effects: &effects)
        default: break
        }
    }

    mutating func nudge(_ row: ParameterRow, steps: Int, coarse: Bool, effects: inout [Effect]) {
        switch row {
        case .slider(let spec):
            let step = coarse ? spec.coarseStep : spec.fineStep
            parameters.set(spec, to: spec.stepped(parameters.value(of: spec), by: steps, step: step))
        case .biasEntry(let token):
            let spec = ParameterSpec.logitBias
            let step = coarse ? spec.coarseStep : spec.fineStep
            parameters.sampling.logitBias[token] = spec.stepped(parameters.sampling.logitBias[token] ?? 0, by: steps, step: step)
        default: return
        }
        parameterNotice = nil
        scheduleSave(effects: &effects)
    }

    mutating func openInput(for row: ParameterRow, initial: String?) {
        let target: ParameterInput.Target
        var text = initial ?? ""
        switch row {
        case .slider(let spec):
            target = .value(spec)
            if initial == nil { text = spec.format(parameters.value(of: spec)) }
        case .biasEntry(let token):
            target = .biasValue(token: token)
            if initial == nil { text = ParameterSpec.logitBias.format(parameters.sampling.logitBias[token] ?? 0) }
        case .stopStrings:
            guard parameters.sampling.stop.count < SamplingParameters.maxStopStrings else {
                parameterNotice = Notice("at most \(SamplingParameters.maxStopStrings) stop strings (Del removes the last)",
                                         isError: true)
                return
            }
            target = .stopString
        case .logitBiasWord:
            target = .biasWord
        }
        parameterInput = ParameterInput(target: target, text: text)
        parameterNotice = nil
    }

    /// A key while a value is typed (from the input's table).
    mutating func editParameterInput(_ action: PlaygroundAction, key: KeyPress, effects: inout [Effect]) {
        guard var input = parameterInput else { return }
        switch (action, key.key) {
        case (.inputCancel, _): parameterInput = nil; return
        case (.inputSubmit, _): submit(input, effects: &effects); return
        case (.inputMove, .left): input.line.moveLeft(extending: false, word: key.control)
        case (.inputMove, .right): input.line.moveRight(extending: false, word: key.control)
        case (.inputMove, let k): input.line.moveToDocumentBoundary(end: k == .end, extending: false)
        case (.inputDelete, .backspace): input.line.deleteBackward(word: key.control)
        case (.inputDelete, _): input.line.deleteForward(word: key.control)
        case (.inputClear, _): input.line.replaceAll(with: "")
        case (.inputType, .character(let c)): input.line.insert(String(c), typing: true)
        default: break
        }
        parameterInput = input
    }

    mutating func submit(_ input: ParameterInput, effects: inout [Effect]) {
        let text = input.line.text.trimmingCharacters(in: .whitespaces)
        switch input.target {
        case .value(let spec):
            guard let value = parseNumber(text, spec: spec) else { return }
            parameters.set(spec, to: value)
            parameterNotice = Notice("\(spec.displayName) = \(spec.format(value))" + contextNote(spec, value))
        case .biasValue(let token):
            let spec = ParameterSpec.logitBias
            guard let value = parseNumber(text, spec: spec) else { return }
            parameters.sampling.logitBias[token] = value
            parameterNotice = Notice("bias of token \(token) = \(spec.format(value))")
        case .stopString:
            // Typed escapes let a stop string hold a line break or a tab.
            let stop = input.line.text.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t")
            guard !stop.isEmpty else { parameterInput = nil; return }
            guard parameters.sampling.stop.count < SamplingParameters.maxStopStrings else {
                parameterNotice = Notice("at most \(SamplingParameters.maxStopStrings) stop strings", isError: true)
                return
            }
            parameters.sampling.stop.append(stop)
            parameterNotice = nil
        case .biasWord:
            guard !input.line.text.isEmpty else { parameterInput = nil; return }
            effects.append(.tokenize(text: input.line.text, engine: engine.id, purpose: .biasWord(input.line.text)))
            parameterNotice = Notice("tokenizing \"\(input.line.text)\"…")
        }
        parameterInput = nil
        scheduleSave(effects: &effects)
    }

    /// What a max tokens beyond the engine's context will do (allowed: the server stops at the context's end).
    func contextNote(_ spec: ParameterSpec, _ value: Double) -> String {
        guard spec == .maxTokens, Double(engine.contextLength) < value else { return "" }
        return " · \(engine.displayName)'s context is \(engine.contextLength) tokens: the answer stops once prompt"
            + " and answer fill it"
    }

    /// Reads a typed number; on failure leaves the input open with a message naming the allowed range.
    mutating func parseNumber(_ text: String, spec: ParameterSpec) -> Double? {
        switch spec.parseTyped(text) {
        case .success(let value): return value
        case .failure(let refusal):
            parameterNotice = Notice(refusal.message, isError: true)
            return nil
        }
    }

    mutating func reset(_ row: ParameterRow, effects: inout [Effect]) {
        switch row {
        case .slider(let spec): parameters.set(spec, to: spec.defaultValue)
        case .stopStrings: parameters.sampling.stop = []
        case .logitBiasWord:
            parameters.sampling.logitBias = [:]
            parameters.biasWords = [:]
        case .biasEntry(let token): parameters.sampling.logitBias[token] = 0
        }
        parameterNotice = nil
        clampParameterCursor()
        scheduleSave(effects: &effects)
    }

    mutating func resetAllParameters(effects: inout [Effect]) {
        let size = parameters.booste.modelSize
        parameters = ParameterValues()
        parameters.booste.modelSize = size
        parameterNotice = Notice("all parameters reset to their defaults")
        clampParameterCursor()
        scheduleSave(effects: &effects)
    }

    mutating func remove(_ row: ParameterRow, effects: inout [Effect]) {
        switch row {
        case .stopStrings:
            guard !parameters.sampling.stop.isEmpty else { return }
            parameters.sampling.stop.removeLast()
        case .biasEntry(let token):
            parameters.sampling.logitBias[token] = nil
            parameters.biasWords[token] = nil
            clampParameterCursor()
        default: return
        }
        scheduleSave(effects: &effects)
    }
}
