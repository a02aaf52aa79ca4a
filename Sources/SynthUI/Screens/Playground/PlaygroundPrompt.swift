// Keys of the prompt editor.

extension PlaygroundState {
    mutating func revealPromptCursor() {
        let l = layout
        guard !l.isTooSmall else { return }
        editor.revealCursor(width: l.promptWrapWidth, height: l.promptText.height)
    }

    /// A prompt key from the shared editor table.
    mutating func editPrompt(_ action: EditAction, key: KeyPress, effects: inout [Effect]) {
        let before = editor.revision
        editor.apply(action, key: key, width: layout.promptWrapWidth, page: max(1, layout.promptText.height - 1))
        revealPromptCursor()
        if editor.revision != before { promptChanged(effects: &effects) }
    }
}
