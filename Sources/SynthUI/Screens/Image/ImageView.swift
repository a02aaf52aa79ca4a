// The image screen on screen: the prompts, the parameter rows, the preview (the picture is only named here, with
// its rectangle: the runtime draws it), the saved files, and a status line.
import Foundation
import SynthKit

public func renderImageScreen(_ state: ImageScreenState, in rect: Rect, into grid: inout CellGrid) {
    grid.fill(rect, style: .plain)
    var state = state
    state.viewRect = rect
    let layout = state.layout
    for focus in [ImageScreenState.Focus.prompt, .negative] {
        let frame = focus == .prompt ? layout.prompt : layout.negative
        let focused = state.focus == focus && state.input == nil
        grid.drawFrame(frame, title: focus == .prompt ? "Image prompt" : "Negative prompt",
                       focused: focused)
        let area = frame.inset(1)
        EditorView.draw(focus == .prompt ? state.prompt : state.negative, in: area, width: max(1, area.width - 1),
                        focused: focused,
                        placeholder: focus == .prompt ? "Describe the image, then F5." : "Optional.", into: &grid)
    }
    ImageView.drawParameters(state, layout: layout, into: &grid)
    ImageView.drawPreview(state, in: layout.preview, into: &grid)
    ImageView.drawStatus(state, in: layout.statusLine, into: &grid)
}

enum ImageView {
    static func label(_ row: ImageRow) -> String {
        switch row {
        case .width: "width"
        case .height: "height"
        case .count: "images"
        case .steps: "steps"
        case .guidance: "guidance"
        case .seed: "seed"
        case .startImage: "start image"
        case .strength: "strength"
        }
    }

    static func drawParameters(_ state: ImageScreenState, layout: ImageLayout, into grid: inout CellGrid) {
        let focused = state.focus == .parameters
        grid.drawFrame(layout.parameters, title: "Parameters", focused: focused && state.input == nil)
        let list = layout.parameterList
        guard !list.isEmpty else { return }
        let geometry = SliderGeometry(x: list.x, width: list.width)
        let top = max(0, state.parameterCursor - list.height + 1)
        for r in 0..<list.height {
            let index = top + r
            guard ImageRow.allCases.indices.contains(index) else { break }
            drawRow(ImageRow.allCases[index], selected: index == state.parameterCursor, state: state, y: list.y + r,
                    list: list, geometry: geometry, into: &grid)
        }
        drawFooter(state, in: layout.parameterFooter, into: &grid)
    }

    static func drawRow(_ row: ImageRow, selected: Bool, state: ImageScreenState, y: Int, list: Rect,
                        geometry g: SliderGeometry, into grid: inout CellGrid) {
        let enabled = state.isEnabled(row)
        let focused = state.focus == .parameters
        let style: (ThemeRole) -> CellStyle = { enabled ? CellStyle($0) : CellStyle(.disabled, [.dim]) }
        let labelStyle = selected && focused ? CellStyle(.focusedRow, [.bold]) : style(.sliderLabel)
        if selected { grid.put(focused ? "▶" : "›", x: list.x, y: y, style: labelStyle) }
        grid.write(padded(label(row), to: g.labelWidth), x: g.labelX, y: y, style: labelStyle)
        if row == .startImage {
            let name = state.startImage.map { ($0 as NSString).lastPathComponent } ?? "none (Enter: a JPEG file)"
            grid.write(name, x: g.valueX, y: y, style: style(.sliderValue), limit: list.maxX)
            return
        }
        let value = state.value(of: row)
        let spec = row.spec
        let range = spec?.displayRange
            ?? Double(TextToImageRequest.allowedSides.first!)...Double(TextToImageRequest.allowedSides.last!)
        let shown = spec?.format(value) ?? String(Int(value))
        grid.write(padded(shown, to: g.valueWidth, alignRight: true), x: g.valueX, y: y, style: style(.sliderValue))
        g.drawBar(value, in: range, y: y, enabled: enabled, into: &grid)
        if g.rangeWidth > 0 {
            let described = spec?.rangeDescription ?? TextToImageRequest.allowedSides.map(String.init).joined(separator: "/")
            grid.write(padded(described, to: g.rangeWidth), x: g.rangeX, y: y, style: style(.disabled), limit: list.maxX)
        }
    }

    static func drawFooter(_ state: ImageScreenState, in footer: Rect, into grid: inout CellGrid) {
        guard !footer.isEmpty else { return }
        if let input = state.input {
            let what = input.row == .startImage ? "JPEG file" : label(input.row)
            let prefix = "\(what): "
            let x = grid.write(prefix, x: footer.x, y: footer.y, style: CellStyle(.input, [.bold]), limit: footer.maxX)
            let end = grid.write(input.line.text, x: x, y: footer.y, style: CellStyle(.input), limit: footer.maxX)
            grid.cursor = CellPosition(x: min(end, footer.maxX - 1), y: footer.y)
            return
        }
        let row = state.selectedRow
        let text = row.spec.map { "\($0.displayName) \($0.rangeDescription): \($0.summary)" } ?? {
            switch row {
            case .startImage: "Image-to-image: a JPEG the result starts from (Del: none)."
            default: "Pixels; width × height at most \(TextToImageRequest.maxPixels) (512×768)."
            }
        }()
        grid.writeLine(truncated(text, to: footer.width), in: footer, row: 0, style: CellStyle(.disabled))
    }

    static func drawPreview(_ state: ImageScreenState, in frame: Rect, into grid: inout CellGrid) {
        guard frame.width >= 8, frame.height >= 3 else { return }
        let title = state.saved.isEmpty ? "Preview" : "Image \(state.shown + 1)/\(state.saved.count)"
        grid.drawFrame(frame, title: title, focused: false)
        let inner = frame.inset(1)
        if case .unavailable(let why) = state.availability {
            grid.writeWrapped("No images here: " + why + ".", in: inner, style: CellStyle(.warning))
            return
        }
        if state.isRunning {
            let count = state.imageCount
            var text = "Generating \(count) image\(count == 1 ? "" : "s") of \(state.width)×\(state.height)… (Esc cancels)"
            if let note = state.retryNote { text += "\n" + note }
            grid.writeWrapped(text, in: inner, style: CellStyle(.spinner))
            return
        }
        if let notice = state.notice, notice.isError {
            grid.writeWrapped(notice.text, in: inner, style: CellStyle(.error))
            return
        }
        guard !state.saved.isEmpty else {
            grid.writeWrapped("F5 generates; the JPEG files are saved in \(state.directoryName).", in: inner,
                              style: CellStyle(.disabled, [.dim]))
            return
        }
        // The files, newest run's, below the picture: where each one was saved.
        let listed = min(state.saved.count, max(1, inner.height / 3))
        let first = min(max(0, state.shown - listed + 1), state.saved.count - listed)
        let list = Rect(x: inner.x, y: inner.maxY - listed, width: inner.width, height: listed)
        for r in 0..<listed {
            let i = first + r
            let style = CellStyle(i == state.shown ? .statsLine : .disabled, i == state.shown ? [.bold] : [])
            let number = "\(i + 1) "
            grid.writeLine(number + truncatedFromStart(state.saved[i], to: list.width - number.count), in: list, row: r,
                           style: style)
        }
        let picture = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - listed)
        grid.placeImage(state.saved[state.shown], in: picture)
    }

    static func drawStatus(_ state: ImageScreenState, in bar: Rect, into grid: inout CellGrid) {
        guard !bar.isEmpty else { return }
        grid.fill(bar, style: CellStyle(.statusBar))
        let engine: String = switch state.availability {
        case .available(let engine): engine
        case .unavailable: "no image engine"
        }
        let x = grid.write(" image · \(engine) ", x: bar.x, y: bar.y, style: CellStyle(.statusAccent), limit: bar.maxX)
        if let notice = state.notice {
            let cost = notice.isError ? "" : state.cost.map { " · \(formatCredits($0)) credits" } ?? ""
            grid.write(" " + notice.text + cost, x: x, y: bar.y, style: CellStyle(notice.isError ? .error : .statusBar),
                       limit: bar.maxX)
        } else if let start = state.startImage {
            grid.write(" from \(start) · strength \(ParameterSpec.strength.format(state.strength))", x: x, y: bar.y,
                       style: CellStyle(.statusBar), limit: bar.maxX)
        }
    }
}
