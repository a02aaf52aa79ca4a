// Undo and redo as a list of edits (what was removed, what was inserted, where), not copies of the text:
// a paste of 1 MB costs its own size once, and typing into a big prompt stays cheap.

struct TextEdit: Sendable, Equatable {
    /// UTF-8 offset where the edit happened.
    var offset: Int
    var removed: String
    var inserted: String
    var cursorBefore: Int
    var anchorBefore: Int?
    var cursorAfter: Int
}

struct EditHistory: Sendable, Equatable {
    private(set) var undoStack: [TextEdit] = []
    private(set) var redoStack: [TextEdit] = []
    /// Keeps memory bounded in long sessions.
    static let limit = 1000

    /// Records an edit; consecutive typing of single characters merges into one undo step.
    mutating func record(_ edit: TextEdit, typing: Bool) {
        redoStack.removeAll()
        if typing, let last = undoStack.last, last.removed.isEmpty, edit.removed.isEmpty,
           last.offset + last.inserted.utf8.count == edit.offset, !last.inserted.hasSuffix(" "),
           last.inserted.utf8.count < 64 {
            undoStack[undoStack.count - 1].inserted += edit.inserted
            undoStack[undoStack.count - 1].cursorAfter = edit.cursorAfter
            return
        }
        undoStack.append(edit)
        if undoStack.count > EditHistory.limit { undoStack.removeFirst(undoStack.count - EditHistory.limit) }
    }

    mutating func popUndo() -> TextEdit? {
        guard let edit = undoStack.popLast() else { return nil }
        redoStack.append(edit)
        return edit
    }

    mutating func popRedo() -> TextEdit? {
        guard let edit = redoStack.popLast() else { return nil }
        undoStack.append(edit)
        return edit
    }
}
