// The parameters pane as a value: the settings, the row under the cursor, a value being typed and the pane's last
// message. Screens with sliders embed one, hand it their keys and clicks, and save when it says something changed.
import Foundation
import SynthKit

/// A one-line input opened over the parameters pane.
public struct ParameterInput: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case value(ParameterSpec)
        case biasValue(token: Int)
        case stopString
        case biasWord
    }
    public var target: Target
    public var line: PromptEditor
    public init(target: Target, text: String = "") {
        self.target = target
        self.line = PromptEditor(text: text)
    }
}

/// What a key or click did to the pane.
public enum ParameterPaneOutcome: Sendable, Equatable {
    case unchanged
    /// A setting changed: worth saving.
    case changed
    /// The user asked for this word's token ids (the logit-bias editor): tokenize it with the screen's engine.
    case tokenize(String)
}

public struct ParameterPane: Sendable, Equatable {
    public var values: ParameterValues
    public var cursor: Int = 0
    public var input: ParameterInput?
    public var notice: Notice?
    /// The slider row being dragged with the mouse.
    var draggingRow: Int?
    /// Parameters the screen does not send, by wire name, with why (the chat screen asks for one reply: no `n`).
    public var unused: [String: String] = [:]

    public init(values: ParameterValues = ParameterValues()) {
        self.values = values
    }

    /// The rows for an engine family, with whether each applies to it.
    public func rows(for family: EngineFamily) -> [(row: ParameterRow, enabled: Bool)] {
        let rows = ParameterRow.rows(for: family, values: values)
        guard !unused.isEmpty else { return rows }
        return rows.map { row, enabled in
            if case .slider(let spec) = row, unused[spec.wireName] != nil { return (row, false) }
            return (row, enabled)
        }
    }

    /// Why a row that does not apply is off: the screen's reason, or the engine's.
    func unusedReason(_ row: ParameterRow, engine: EngineChoice) -> String {
        if case .slider(let spec) = row, let reason = unused[spec.wireName] { return reason }
        return "not used by \(engine.displayName)"
    }

    /// The row under the cursor.
    func selectedRow(for family: EngineFamily) -> (row: ParameterRow, enabled: Bool)? {
        let rows = rows(for: family)
        return rows.indices.contains(cursor) ? rows[cursor] : nil
    }

    /// Keeps the cursor on an enabled row.
    mutating func clampCursor(for family: EngineFamily) {
        let rows = rows(for: family)
        cursor = min(max(0, cursor), max(0, rows.count - 1))
        if rows.indices.contains(cursor), !rows[cursor].enabled {
            cursor = rows.firstIndex { $0.enabled } ?? 0
        }
    }

    mutating func moveCursor(by delta: Int, for family: EngineFamily) {
        let rows = rows(for: family)
        var i = cursor
        while true {
            i += delta
            guard rows.indices.contains(i) else { return }
            if rows[i].enabled { cursor = i; return }
        }
    }

    /// Another engine (its rows may differ): back to the first row, nothing being typed.
    mutating func engineChanged() {
        cursor = 0
        input = nil
    }

    /// A key from the pane's tables (`ParameterPaneKeys`), for `engine` (rows that do not apply to it take none).
    public mutating func apply(_ action: ParameterPaneAction, key: KeyPress, engine: EngineChoice) -> ParameterPaneOutcome {
        if input != nil { return editInput(action, key: key, engine: engine) }
        let family = engine.family
        clampCursor(for: family)
        guard let (row, enabled) = selectedRow(for: family), enabled else { return .unchanged }
        switch (action, key.key) {
        case (.choose, let k): moveCursor(by: k == .up ? -1 : 1, for: family)
        case (.nudge, let k): return nudge(row, steps: k == .left ? -1 : 1, coarse: key.modifiers.contains(.shift))
        case (.nudgeCoarse, let k): return nudge(row, steps: k == .pageDown ? -1 : 1, coarse: true)
        case (.firstOrLast, .home): cursor = rows(for: family).firstIndex { $0.enabled } ?? 0
        case (.firstOrLast, _): cursor = rows(for: family).lastIndex { $0.enabled } ?? 0
        case (.typeValue, _): openInput(for: row, initial: nil)
        case (.startTypingValue, .character(let c)):
            if case .slider = row { openInput(for: row, initial: String(c)) }
            if case .biasEntry = row { openInput(for: row, initial: String(c)) }
        case (.reset, _): return reset(row, family: family)
        case (.resetAll, _): return resetAll(family: family)
        case (.remove, _): return remove(row, family: family)
        default: break
        }
        return .unchanged
    }

    mutating func nudge(_ row: ParameterRow, steps: Int, coarse: Bool) -> ParameterPaneOutcome {
        switch row {
        case .slider(let spec):
            let step = coarse ? spec.coarseStep : spec.fineStep
            values.set(spec, to: spec.stepped(values.value(of: spec), by: steps, step: step))
        case .biasEntry(let token):
            let spec = ParameterSpec.logitBias
            let step = coarse ? spec.coarseStep : spec.fineStep
            values.sampling.logitBias[token] = spec.stepped(values.sampling.logitBias[token] ?? 0, by: steps, step: step)
        default: return .unchanged
        }
        notice = nil
        return .changed
    }

    mutating func openInput(for row: ParameterRow, initial: String?) {
        let target: ParameterInput.Target
        var text = initial ?? ""
        switch row {
        case .slider(let spec):
            target = .value(spec)
            if initial == nil { text = spec.format(values.value(of: spec)) }
        case .biasEntry(let token):
            target = .biasValue(token: token)
            if initial == nil { text = ParameterSpec.logitBias.format(values.sampling.logitBias[token] ?? 0) }
        case .stopStrings:
            guard values.sampling.stop.count < SamplingParameters.maxStopStrings else {
                notice = Notice("at most \(SamplingParameters.maxStopStrings) stop strings (Del removes the last)",
                                isError: true)
                return
            }
            target = .stopString
        case .logitBiasWord:
            target = .biasWord
        }
        input = ParameterInput(target: target, text: text)
        notice = nil
    }

    /// A key while a value is typed (from the input's table).
    mutating func editInput(_ action: ParameterPaneAction, key: KeyPress, engine: EngineChoice) -> ParameterPaneOutcome {
        guard var line = input else { return .unchanged }
        let control = key.modifiers.contains(.control)
        switch (action, key.key) {
        case (.inputCancel, _): input = nil; return .unchanged
        case (.inputSubmit, _): return submit(line, engine: engine)
        case (.inputMove, .left): line.line.moveLeft(extending: false, word: control)
        case (.inputMove, .right): line.line.moveRight(extending: false, word: control)
        case (.inputMove, let k): line.line.moveToDocumentBoundary(end: k == .end, extending: false)
        case (.inputDelete, .backspace): line.line.deleteBackward(word: control)
        case (.inputDelete, _): line.line.deleteForward(word: control)
        case (.inputClear, _): line.line.replaceAll(with: "")
        case (.inputType, .character(let c)): line.line.insert(String(c), typing: true)
        default: break
        }
        input = line
        return .unchanged
    }

    mutating func submit(_ typed: ParameterInput, engine: EngineChoice) -> ParameterPaneOutcome {
        let text = typed.line.text.trimmingCharacters(in: .whitespaces)
        var outcome = ParameterPaneOutcome.changed
        switch typed.target {
        case .value(let spec):
            guard let value = parseNumber(text, spec: spec) else { return .unchanged }
            values.set(spec, to: value)
            notice = Notice("\(spec.displayName) = \(spec.format(value))" + Self.contextNote(spec, value, engine: engine))
        case .biasValue(let token):
            let spec = ParameterSpec.logitBias
            guard let value = parseNumber(text, spec: spec) else { return .unchanged }
            values.sampling.logitBias[token] = value
            notice = Notice("bias of token \(token) = \(spec.format(value))")
        case .stopString:
            // Typed escapes let a stop string hold a line break or a tab.
            let stop = typed.line.text.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t")
            guard !stop.isEmpty else { input = nil; return .unchanged }
            guard values.sampling.stop.count < SamplingParameters.maxStopStrings else {
                notice = Notice("at most \(SamplingParameters.maxStopStrings) stop strings", isError: true)
                return .unchanged
            }
            values.sampling.stop.append(stop)
            notice = nil
        case .biasWord:
            guard !typed.line.text.isEmpty else { input = nil; return .unchanged }
            outcome = .tokenize(typed.line.text)
            notice = Notice("tokenizing \"\(typed.line.text)\"…")
        }
        input = nil
        return outcome
    }

    /// What a max tokens beyond the engine's context will do (allowed: the server stops at the context's end).
    static func contextNote(_ spec: ParameterSpec, _ value: Double, engine: EngineChoice) -> String {
        guard spec == .maxTokens, Double(engine.contextLength) < value else { return "" }
        return " · \(engine.displayName)'s context is \(engine.contextLength) tokens: the answer stops once prompt"
            + " and answer fill it"
    }

    /// Reads a typed number; on failure leaves the input open with a message naming the allowed range.
    mutating func parseNumber(_ text: String, spec: ParameterSpec) -> Double? {
        switch spec.parseTyped(text) {
        case .success(let value): return value
        case .failure(let refusal):
            notice = Notice(refusal.message, isError: true)
            return nil
        }
    }

    mutating func reset(_ row: ParameterRow, family: EngineFamily) -> ParameterPaneOutcome {
        switch row {
        case .slider(let spec): values.set(spec, to: spec.defaultValue)
        case .stopStrings: values.sampling.stop = []
        case .logitBiasWord:
            values.sampling.logitBias = [:]
            values.biasWords = [:]
        case .biasEntry(let token): values.sampling.logitBias[token] = 0
        }
        notice = nil
        clampCursor(for: family)
        return .changed
    }

    mutating func resetAll(family: EngineFamily) -> ParameterPaneOutcome {
        let size = values.booste.modelSize
        values = ParameterValues()
        values.booste.modelSize = size
        notice = Notice("all parameters reset to their defaults")
        clampCursor(for: family)
        return .changed
    }

    mutating func remove(_ row: ParameterRow, family: EngineFamily) -> ParameterPaneOutcome {
        switch row {
        case .stopStrings:
            guard !values.sampling.stop.isEmpty else { return .unchanged }
            values.sampling.stop.removeLast()
        case .biasEntry(let token):
            values.sampling.logitBias[token] = nil
            values.biasWords[token] = nil
            clampCursor(for: family)
        default: return .unchanged
        }
        return .changed
    }

    /// The tokenizer's answer for a word the user asked to bias: each of its tokens gets a row.
    mutating func biasWordTokenized(_ word: String, tokens: [Int]) -> ParameterPaneOutcome {
        guard !tokens.isEmpty else {
            notice = Notice("\"\(word)\" has no tokens", isError: true)
            return .unchanged
        }
        for (i, token) in tokens.enumerated() {
            if values.sampling.logitBias[token] == nil { values.sampling.logitBias[token] = 0 }
            values.biasWords[token] = tokens.count > 1 ? "\(word) \(i + 1)/\(tokens.count)" : word
        }
        let ids = tokens.map(String.init).joined(separator: ", ")
        notice = Notice("\"\(word)\" → token\(tokens.count > 1 ? "s" : "") \(ids)")
        return .changed
    }

    /// Sets the slider in row `index` from a column on its bar (the rows drawn in `list`). False when the column is
    /// not on the bar.
    mutating func setSlider(row index: Int, column x: Int, list: Rect, family: EngineFamily) -> Bool {
        let rows = rows(for: family)
        guard rows.indices.contains(index), rows[index].enabled else { return false }
        let geometry = SliderGeometry(x: list.x, width: list.width)
        switch rows[index].row {
        case .slider(let spec):
            guard let value = geometry.value(atColumn: x, spec: spec) else { return false }
            values.set(spec, to: value)
        case .biasEntry(let token):
            guard let value = geometry.value(atColumn: x, spec: ParameterSpec.logitBias) else { return false }
            values.sampling.logitBias[token] = value
        default:
            return false
        }
        return true
    }
}
