// Keys of the scratchpad: the language picker when open, the pad's function keys, otherwise editing the source.
import SynthKit

extension TranslatePadState {
    public var layout: TranslatePadLayout { TranslatePadLayout(area: viewRect, state: self) }

    mutating func handle(key: KeyPress, effects: inout [TranslateEffect]) {
        if picker != nil {
            handlePickerKey(key)
            return
        }
        switch (key.key, key.modifiers) {
        case (.function(5), _), (.character("r"), .control): translate(effects: &effects)
        case (.function(2), _): picker = LanguagePicker(side: .source)
        case (.function(3), _): picker = LanguagePicker(side: .target)
        case (.function(4), _): swapDirection(effects: &effects)
        case (.function(6), _): effects.append(.copyToClipboard(allTranslations))
        case (.function(7), _): splitSentences.toggle()
        case (.function(8), _): roundTripEnabled.toggle()
        case (.function(9), _): numBeams = numBeams % 5 + 1
        case (.escape, _): cancel(effects: &effects)
        case (.pageUp, _): scroll = max(0, scroll - max(1, layout.visibleRows - 1))
        case (.pageDown, _): scroll += max(1, layout.visibleRows - 1); clampScroll()
        default: handleSourceKey(key)
        }
    }

    mutating func handlePickerKey(_ key: KeyPress) {
        guard var p = picker else { return }
        switch key.key {
        case .escape: picker = nil; return
        case .enter:
            guard let chosen = p.selection else { picker = nil; return }
            // A language the backend cannot translate from (or into) at all is not taken: the picker stays open.
            let usable = p.side == .source ? support.canTranslate(from: chosen.code, to: nil)
                : support.canTranslate(to: chosen.code, from: nil)
            guard usable else {
                notice = Notice("\(Languages.name(of: chosen.code)) is not available on \(backend) (marked ✗)",
                                isError: true)
                return
            }
            setLanguage(p.side, code: chosen.code)
            picker = nil
            return
        case .up: p.move(by: -1)
        case .down: p.move(by: 1)
        case .pageUp: p.move(by: -10)
        case .pageDown: p.move(by: 10)
        case .backspace: p.deleteBackward()
        case .character(let c) where !key.modifiers.contains(.control): p.type(c)
        default: break
        }
        picker = p
    }

    mutating func handleSourceKey(_ key: KeyPress) {
        let width = layout.wrapWidths.first ?? 40
        let shift = key.modifiers.contains(.shift)
        let word = key.modifiers.contains(.control) || key.modifiers.contains(.alt)
        switch key.key {
        case .left: source.moveLeft(extending: shift, word: word)
        case .right: source.moveRight(extending: shift, word: word)
        case .up: source.moveVertically(by: -1, width: width, extending: shift)
        case .down: source.moveVertically(by: 1, width: width, extending: shift)
        case .home: source.moveToLineBoundary(end: false, extending: shift)
        case .end: source.moveToLineBoundary(end: true, extending: shift)
        case .enter: source.insert("\n")
        case .backspace: source.deleteBackward(word: word)
        case .delete: source.deleteForward(word: word)
        case .character(let c) where key.modifiers.contains(.control):
            switch c {
            case "a": source.selectAll()
            case "c": source.copy()
            case "x": source.cut()
            case "v": source.paste()
            case "z": source.undo()
            case "y": source.redo()
            default: break
            }
        case .character(let c): source.insert(String(c), typing: true)
        default: break
        }
        revealCursor()
    }

    /// The aligned row and column of the source cursor.
    func cursorPosition(rows: [AlignedRow], width: Int) -> (row: Int, column: Int)? {
        let text = source.text
        let cursor = source.cursor
        var lineIndex = 0, lineStart = 0, offset = 0
        for c in text {
            if offset >= cursor { break }
            offset += c.utf8.count
            if c == "\n" || c == "\r\n" { lineIndex += 1; lineStart = offset }
        }
        let first = TranslationAlignment.firstRows(rows)
        guard let row = first[lineIndex] else { return nil }
        let line = TranslationBatches.sourceLines(text).indices.contains(lineIndex) ? TranslationBatches.sourceLines(text)[lineIndex] : ""
        let within = cursor - lineStart
        let pieces = LineWrapper.wrap(line, from: 0, width: max(1, width))
        let piece = pieces.lastIndex { $0.start <= within } ?? 0
        let column = DisplayWidth.of(line.slice(pieces[piece].start, min(within, pieces[piece].end)))
        return (row + piece, column)
    }

    mutating func revealCursor() {
        let l = layout
        guard let width = l.wrapWidths.first else { return }
        let rows = TranslatePadView.alignedRows(self, layout: l)
        guard let position = cursorPosition(rows: rows, width: width) else { return }
        if position.row < scroll { scroll = position.row }
        if position.row >= scroll + l.visibleRows { scroll = position.row - l.visibleRows + 1 }
    }

    mutating func clampScroll() {
        let rows = TranslatePadView.alignedRows(self, layout: layout).count
        scroll = min(max(0, scroll), max(0, rows - layout.visibleRows))
    }
}
