// Keys of the scratchpad: the language picker when open, the pad's function keys, otherwise editing the source.
import SynthKit

/// What a scratchpad key does.
public enum TranslateAction: Sendable, Equatable {
    case translate, cancel, pickSource, pickTarget, swap, copyAll, toggleSplit, toggleRoundTrip, cycleBeams, scroll
    case toggleLLM
    case pickerClose, pickerChoose, pickerMove, pickerDelete, pickerType
}

extension TranslatePadState {
    public var layout: TranslatePadLayout { TranslatePadLayout(area: viewRect, state: self) }

    /// The scratchpad's own keys, tried before the source editor's (`editorKeys`).
    public static let keys = KeyTable<TranslateAction, TranslatePadState>("Translate", [
        KeyBinding([.exactly(KeyPress(.function(5))), .exactly(.ctrl("r"))], keys: "F5, Ctrl-R", help: "translate",
                   hint: "F5 translate", .translate, when: { !$0.isTranslating }),
        KeyBinding([.exactly(KeyPress(.escape))], keys: "Esc", help: "cancel; idle: back", hint: "Esc cancel", .cancel,
                   when: { $0.isTranslating }),
        // Plain F2/F3 switch screens before a key reaches the pad, so here they come with Shift.
        KeyBinding([.anyModifiers(.function(2))], keys: "Shift-F2", help: "source language",
                   hint: "⇧F2 ⇧F3 languages", .pickSource),
        KeyBinding([.anyModifiers(.function(3))], keys: "Shift-F3", help: "target language", .pickTarget),
        KeyBinding([.anyModifiers(.function(4))], keys: "F4", help: "swap direction", .swap),
        KeyBinding([.anyModifiers(.function(6))], keys: "F6", help: "copy translations", .copyAll),
        KeyBinding([.anyModifiers(.function(7))], keys: "F7", help: "split sentences", .toggleSplit),
        KeyBinding([.anyModifiers(.function(8))], keys: "F8", help: "round trip on / off", .toggleRoundTrip),
        KeyBinding([.anyModifiers(.function(9))], keys: "F9", help: "beams 1-5", .cycleBeams),
        KeyBinding([.anyModifiers(.function(10))], keys: "F10", help: "LLM column on / off", hint: "F10 LLM", .toggleLLM),
        KeyBinding([.exactly(KeyPress(.pageUp)), .exactly(KeyPress(.pageDown))], keys: "PgUp/PgDn", help: "scroll",
                   .scroll),
    ])

    /// The source text's keys: the shared editor's.
    public static let editorKeys: KeyTable<EditAction, TranslatePadState> = EditorKeys.table("Source text")

    /// While the language picker is open.
    public static let pickerKeys = KeyTable<TranslateAction, TranslatePadState>("Language picker", [
        KeyBinding([.exactly(KeyPress(.escape))], keys: "Esc", help: "close", .pickerClose),
        KeyBinding([.exactly(KeyPress(.enter))], keys: "Enter", help: "choose", .pickerChoose),
        KeyBinding([.exactly(KeyPress(.up)), .exactly(KeyPress(.down)), .exactly(KeyPress(.pageUp)),
                    .exactly(KeyPress(.pageDown))], keys: "↑↓ PgUp/PgDn", help: "move", .pickerMove),
        KeyBinding([.anyModifiers(.backspace)], keys: "Backspace", help: "edit the search", .pickerDelete),
        KeyBinding([.typing], keys: "letters", help: "search name or code", .pickerType),
    ])

    /// What help lists for the scratchpad.
    public static var helpGroups: [HelpGroup] { [keys.helpGroup, editorKeys.helpGroup, pickerKeys.helpGroup] }

    mutating func handle(key: KeyPress, effects: inout [TranslateEffect]) {
        if picker != nil {
            if let action = Self.pickerKeys.action(for: key, in: self) { handlePickerKey(key, action: action) }
            return
        }
        if let action = Self.keys.action(for: key, in: self) {
            switch action {
            case .translate: translate(effects: &effects)
            case .cancel: cancel(effects: &effects)
            case .pickSource: picker = LanguagePicker(side: .source, languages: support.offered)
            case .pickTarget: picker = LanguagePicker(side: .target, languages: support.offered)
            case .swap: swapDirection(effects: &effects)
            case .copyAll: effects.append(.copyToClipboard(allTranslations))
            case .toggleSplit: splitSentences.toggle()
            case .toggleRoundTrip: roundTripEnabled.toggle()
            case .cycleBeams: numBeams = numBeams % 5 + 1
            case .toggleLLM: toggleLLM()
            case .scroll where key.key == .pageUp: scroll = max(0, scroll - max(1, layout.visibleRows - 1))
            case .scroll: scroll += max(1, layout.visibleRows - 1); clampScroll()
            case .pickerClose, .pickerChoose, .pickerMove, .pickerDelete, .pickerType: break
            }
            return
        }
        if let edit = Self.editorKeys.action(for: key, in: self) {
            let l = layout
            source.apply(edit, key: key, width: l.wrapWidths.first ?? 40, page: max(1, l.visibleRows - 1))
            revealCursor()
        }
    }

    mutating func handlePickerKey(_ key: KeyPress, action: TranslateAction) {
        guard var p = picker else { return }
        switch (action, key.key) {
        case (.pickerClose, _): picker = nil; return
        case (.pickerChoose, _):
            // Nothing matches (a language this engine does not offer): say so, and leave the picker open.
            guard let chosen = p.selection else {
                notice = Notice("no language on \(backend) matches \"\(p.query)\"", isError: true)
                return
            }
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
        case (.pickerMove, .up): p.move(by: -1)
        case (.pickerMove, .down): p.move(by: 1)
        case (.pickerMove, .pageUp): p.move(by: -10)
        case (.pickerMove, _): p.move(by: 10)
        case (.pickerDelete, _): p.deleteBackward()
        case (.pickerType, .character(let c)): p.type(c)
        default: break
        }
        picker = p
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
