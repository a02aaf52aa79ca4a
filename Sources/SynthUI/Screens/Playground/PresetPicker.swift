// Ctrl-P: the presets as a list over the playground. Enter makes one's parameters (and engine) the playground's;
// `n` saves the current parameters as a preset under a name typed on the list's last line.
import SynthKit

public struct PresetPicker: Sendable, Equatable {
    public var highlighted: Int = 0
    /// The name being typed for `n` (save as); nil while choosing.
    public var newName: PromptEditor?

    public init() {}
}

/// What a key in the picker does.
public enum PresetPickerAction: Sendable, Equatable {
    case move, apply, close, startSaving, typeName, deleteName, saveNamed, cancelSaving
}

extension PlaygroundState {
    private static func press(_ key: Key) -> KeyMatch { .exactly(KeyPress(key)) }

    public static let presetKeys = KeyTable<PresetPickerAction, PlaygroundState>("Presets (Ctrl-P)", [
        KeyBinding([press(.up), press(.down)], keys: "↑/↓", help: "choose a preset", hint: "↑↓ choose", .move),
        KeyBinding([press(.enter)], keys: "Enter", help: "use its parameters", hint: "Enter use", .apply),
        KeyBinding([.exactly(.char("n"))], keys: "n", help: "save these as…", hint: "n save as", .startSaving),
        KeyBinding([press(.escape), .exactly(.ctrl("p"))], keys: "Esc", help: "close", hint: "Esc close", .close),
    ])

    public static let presetNameKeys = KeyTable<PresetPickerAction, PlaygroundState>("Naming a preset", [
        KeyBinding([press(.enter)], keys: "Enter", help: "save", hint: "Enter save", .saveNamed),
        KeyBinding([press(.escape)], keys: "Esc", help: "back to the list", hint: "Esc back", .cancelSaving),
        KeyBinding([.anyModifiers(.backspace)], keys: "Backspace", help: "delete", .deleteName),
        KeyBinding([.typing], keys: "letters, digits, - _", help: "type the name", .typeName),
    ])

    /// The picker's table now: naming, or choosing.
    var presetTable: KeyTable<PresetPickerAction, PlaygroundState> {
        presetPicker?.newName == nil ? Self.presetKeys : Self.presetNameKeys
    }

    mutating func openPresetPicker() {
        presetPicker = PresetPicker()
        if let current = presets.firstIndex(where: { $0.parameters == parameters.sampling }) {
            presetPicker?.highlighted = current
        }
    }

    mutating func handlePresetKey(_ key: KeyPress, effects: inout [Effect]) {
        guard var picker = presetPicker, let action = presetTable.action(for: key, in: self) else { return }
        switch action {
        case .move:
            guard !presets.isEmpty else { return }
            picker.highlighted = min(max(0, picker.highlighted + (key.key == .up ? -1 : 1)), presets.count - 1)
        case .apply:
            guard presets.indices.contains(picker.highlighted) else { return }
            presetPicker = nil
            return apply(presets[picker.highlighted], effects: &effects)
        case .close: presetPicker = nil; return
        case .startSaving: picker.newName = PromptEditor(text: "")
        case .typeName:
            if case .character(let c) = key.key { picker.newName?.insert(String(c), typing: true) }
        case .deleteName: picker.newName?.deleteBackward()
        case .cancelSaving: picker.newName = nil
        case .saveNamed:
            let name = picker.newName?.text ?? ""
            guard PresetStore.isValidName(name) else {
                parameterNotice = Notice("a preset's name is letters, digits, - or _ (not \"\(name)\")", isError: true)
                presetPicker = picker
                return
            }
            presetPicker = nil
            parameterNotice = Notice("saving preset \(name)…")
            effects.append(.savePreset(Preset(name: name, engine: engine.backend == nil ? engine.id : nil,
                                              parameters: parameters.sampling)))
            return
        }
        presetPicker = picker
    }

    /// A preset's parameters become the playground's; its engine too when this backend offers it.
    mutating func apply(_ preset: Preset, effects: inout [Effect]) {
        parameters.sampling = preset.parameters
        var note = "preset \(preset.name)"
        if let id = preset.engine {
            if let index = engines.firstIndex(where: { $0.id == id }) {
                engineIndex = index
            } else {
                note += " (its engine \(id) is not offered here: kept \(engine.id))"
            }
        }
        parameterNotice = Notice(note)
        clampParameterCursor()
        scheduleSave(effects: &effects)
    }
}
