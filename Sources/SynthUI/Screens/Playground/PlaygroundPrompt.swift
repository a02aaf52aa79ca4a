// Keys of the prompt editor.

extension PlaygroundState {
    mutating func revealPromptCursor() {
        let l = layout
        guard !l.isTooSmall else { return }
        editor.revealCursor(width: l.promptWrapWidth, height: l.promptText.height)
    }

    mutating func handlePromptKey(_ key: KeyPress, effects: inout [Effect]) {
        let width = layout.promptWrapWidth
        let shift = key.shift
        let word = key.control || key.alt
        let before = editor.revision
        switch key.key {
        case .left: editor.moveLeft(extending: shift, word: word)
        case .right: editor.moveRight(extending: shift, word: word)
        case .up: editor.moveVertically(by: -1, width: width, extending: shift)
        case .down: editor.moveVertically(by: 1, width: width, extending: shift)
        case .pageUp: editor.moveVertically(by: -max(1, layout.promptText.height - 1), width: width, extending: shift)
        case .pageDown: editor.moveVertically(by: max(1, layout.promptText.height - 1), width: width, extending: shift)
        case .home:
            if key.control { editor.moveToDocumentBoundary(end: false, extending: shift) } else {
                editor.moveToLineBoundary(end: false, extending: shift)
            }
        case .end:
            if key.control { editor.moveToDocumentBoundary(end: true, extending: shift) } else {
                editor.moveToLineBoundary(end: true, extending: shift)
            }
        case .enter: editor.insert("\n")
        case .backspace: editor.deleteBackward(word: word)
        case .delete: editor.deleteForward(word: word)
        case .character(let c) where key.control:
            switch c {
            case "a": editor.selectAll()
            case "c": editor.copy()
            case "x": editor.cut()
            case "v": editor.paste()
            case "z": if shift { editor.redo() } else { editor.undo() }
            case "y": editor.redo()
            case "w": editor.deleteBackward(word: true)
            case "h": editor.deleteBackward(word: false)  // some terminals send Backspace as Ctrl-H
            default: break
            }
        case .character(let c) where key.alt:
            switch c {
            case "b": editor.moveLeft(extending: shift, word: true)
            case "f": editor.moveRight(extending: shift, word: true)
            default: break
            }
        case .character(let c): editor.insert(String(c), typing: true)
        default: break
        }
        revealPromptCursor()
        if editor.revision != before { promptChanged(effects: &effects) }
    }
}
