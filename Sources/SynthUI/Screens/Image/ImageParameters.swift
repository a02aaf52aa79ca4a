// Changing the image screen's parameters: steps along each spec's grid, the allowed sides for width and height,
// typed values checked against the same ranges validation uses.
import Foundation
import SynthKit

extension ImageScreenState {
    mutating func adjust(_ action: ImageAction, key: KeyPress) {
        let rows = ImageRow.allCases
        let row = selectedRow
        switch (action, key.key) {
        case (.choose, let k):
            var i = parameterCursor
            repeat { i += k == .up ? -1 : 1 } while rows.indices.contains(i) && !isEnabled(rows[i])
            if rows.indices.contains(i) { parameterCursor = i }
        case (.nudge, let k): nudge(row, steps: k == .left ? -1 : 1, coarse: key.modifiers.contains(.shift))
        case (.nudgeCoarse, let k): nudge(row, steps: k == .pageDown ? -1 : 1, coarse: true)
        case (.typeValue, _): openInput(for: row, initial: nil)
        case (.startTypingValue, .character(let c)) where row != .startImage: openInput(for: row, initial: String(c))
        case (.reset, _):
            if row == .startImage { startImage = nil } else if let spec = row.spec { set(row, to: spec.defaultValue) } else {
                set(row, to: 512)
            }
            notice = nil
        default: break
        }
    }

    mutating func nudge(_ row: ImageRow, steps: Int, coarse: Bool) {
        guard isEnabled(row) else { return }
        if let spec = row.spec {
            set(row, to: spec.stepped(value(of: row), by: steps, step: coarse ? spec.coarseStep : spec.fineStep))
        } else if row == .width || row == .height {
            // Only the documented sides exist: a step is the next one.
            let sides = TextToImageRequest.allowedSides
            let index = sides.firstIndex(of: Int(value(of: row))) ?? 1
            set(row, to: Double(sides[min(max(0, index + steps), sides.count - 1)]))
        }
        notice = nil
    }

    mutating func openInput(for row: ImageRow, initial: String?) {
        guard isEnabled(row) else { return }
        let text: String
        if let initial { text = initial } else if row == .startImage { text = startImage ?? "" } else {
            text = row.spec.map { $0.format(value(of: row)) } ?? String(Int(value(of: row)))
        }
        input = ImageInput(row: row, line: PromptEditor(text: text))
        notice = nil
    }

    /// Enter on a typed line: the value (or file name) is taken, or the line stays open with why it was not.
    mutating func submitInput() {
        guard let typed = input else { return }
        let text = typed.line.text.trimmingCharacters(in: .whitespaces)
        switch typed.row {
        case .startImage:
            // The runtime reads and checks the file when it sends: here it is only a name.
            startImage = text.isEmpty ? nil : text
            if startImage == nil, parameterCursor == ImageRow.allCases.firstIndex(of: .strength) { parameterCursor -= 1 }
        case .width, .height:
            guard let side = Int(text), TextToImageRequest.allowedSides.contains(side) else {
                let sides = TextToImageRequest.allowedSides.map(String.init).joined(separator: ", ")
                notice = Notice("\(text) rejected: \(typed.row == .width ? "width" : "height") must be one of \(sides)",
                                isError: true)
                return
            }
            set(typed.row, to: Double(side))
        default:
            guard let spec = typed.row.spec else { return }
            switch spec.parseTyped(text) {
            case .success(let value): set(typed.row, to: value)
            case .failure(let refusal):
                notice = Notice(refusal.message, isError: true)
                return
            }
        }
        input = nil
        notice = nil
    }
}
