// The prompt being written: text, cursor, selection, clipboard and history. Positions are UTF-8 offsets on grapheme
// boundaries, so moving to any position is O(1) and edits cost the size of the change plus one memmove.

public struct PromptEditor: Sendable, Equatable {
    public private(set) var text: String
    /// The cursor, as a UTF-8 offset into `text`.
    public internal(set) var cursor: Int
    /// The other end of the selection when one is active.
    public internal(set) var anchor: Int?
    /// The internal clipboard (cut/copy/paste inside the app).
    public internal(set) var clipboard: String = ""
    /// Bumped on every change of text, so stale token counts can be told apart.
    public private(set) var revision: Int = 0
    var history = EditHistory()
    /// First visible screen line: the logical line starting at this offset, then `scrollRow` wrapped rows down.
    var scrollLineStart: Int = 0
    var scrollRow: Int = 0
    /// Column the cursor wants to keep when moving up and down through shorter lines.
    var preferredColumn: Int?

    public init(text: String = "") {
        self.text = text
        self.cursor = text.utf8.count
    }

    public var selection: Range<Int>? {
        guard let anchor, anchor != cursor else { return nil }
        return min(anchor, cursor)..<max(anchor, cursor)
    }

    public var selectedText: String? { selection.map { String(text.slice($0.lowerBound, $0.upperBound)) } }

    // MARK: Editing

    /// Replaces the selection (or inserts at the cursor). O(inserted + moved bytes).
    mutating func insert(_ newText: String, typing: Bool = false) {
        let range = selection ?? cursor..<cursor
        replace(range, with: newText, typing: typing)
    }

    mutating func replace(_ range: Range<Int>, with newText: String, typing: Bool = false) {
        let removed = String(text.slice(range.lowerBound, range.upperBound))
        let edit = TextEdit(offset: range.lowerBound, removed: removed, inserted: newText, cursorBefore: cursor,
                            anchorBefore: anchor, cursorAfter: range.lowerBound + newText.utf8.count)
        apply(edit)
        history.record(edit, typing: typing && removed.isEmpty)
    }

    private mutating func apply(_ edit: TextEdit) {
        let a = text.stringIndex(utf8Offset: edit.offset)
        let b = text.stringIndex(utf8Offset: edit.offset + edit.removed.utf8.count)
        text.replaceSubrange(a..<b, with: edit.inserted)
        cursor = edit.cursorAfter
        anchor = nil
        revision += 1
        preferredColumn = nil
        if scrollLineStart > text.utf8.count || scrollLineStart > edit.offset {
            scrollLineStart = pieceStart(containing: min(edit.offset, text.utf8.count))
            scrollRow = 0
        }
    }

    mutating func deleteBackward(word: Bool = false) {
        if let sel = selection { replace(sel, with: ""); return }
        guard cursor > 0 else { return }
        let start = word ? wordStart(before: cursor) : graphemeStart(before: cursor)
        replace(start..<cursor, with: "")
    }

    mutating func deleteForward(word: Bool = false) {
        if let sel = selection { replace(sel, with: ""); return }
        guard cursor < text.utf8.count else { return }
        let end = word ? wordEnd(after: cursor) : graphemeEnd(after: cursor)
        replace(cursor..<end, with: "")
    }

    /// Replaces everything (external editor, session load); undoable.
    mutating func replaceAll(with newText: String) {
        replace(0..<text.utf8.count, with: newText)
        cursor = text.utf8.count
    }

    // MARK: Clipboard

    mutating func copy() {
        if let s = selectedText { clipboard = s }
    }

    mutating func cut() {
        guard let sel = selection, let s = selectedText else { return }
        clipboard = s
        replace(sel, with: "")
    }

    mutating func paste() {
        if !clipboard.isEmpty { insert(clipboard) }
    }

    // MARK: History

    mutating func undo() {
        guard let edit = history.popUndo() else { return }
        let inverse = TextEdit(offset: edit.offset, removed: edit.inserted, inserted: edit.removed,
                               cursorBefore: edit.cursorAfter, anchorBefore: nil, cursorAfter: edit.cursorBefore)
        apply(inverse)
        anchor = edit.anchorBefore
    }

    mutating func redo() {
        guard let edit = history.popRedo() else { return }
        apply(edit)
    }

    public var canUndo: Bool { !history.undoStack.isEmpty }
    public var canRedo: Bool { !history.redoStack.isEmpty }
}
