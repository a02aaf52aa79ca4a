// Where the scratchpad's parts go: settings line, the aligned panes side by side, the status line.
import SynthKit

public struct TranslatePadLayout: Sendable, Equatable {
    /// Narrower than this a pane is not worth showing; optional panes are dropped first.
    public static let minimumPaneWidth = 20
    /// Width of the detected-language gutter in the output pane ("fr ").
    public static let gutterWidth = 3

    public enum PaneKind: Sendable, Equatable {
        case source
        case translation
        case llm
        case roundTrip
    }

    public let header: Rect
    public let statusLine: Rect
    public let panes: [(kind: PaneKind, frame: Rect)]
    /// The box of the language picker when it is open.
    public let picker: Rect
    public let showsGutter: Bool

    public static func == (a: TranslatePadLayout, b: TranslatePadLayout) -> Bool {
        a.header == b.header && a.statusLine == b.statusLine && a.picker == b.picker && a.showsGutter == b.showsGutter
            && a.panes.map(\.kind) == b.panes.map(\.kind) && a.panes.map(\.frame) == b.panes.map(\.frame)
    }

    public init(area: Rect, state: TranslatePadState) {
        header = Rect(x: area.x, y: area.y, width: area.width, height: min(1, area.height))
        statusLine = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: area.height >= 2 ? 1 : 0)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2)
        var kinds: [PaneKind] = [.source, .translation]
        if state.llm != nil { kinds.append(.llm) }
        if state.roundTripEnabled { kinds.append(.roundTrip) }
        while kinds.count > 2, body.width / kinds.count < Self.minimumPaneWidth { kinds.removeLast() }
        let width = body.width / kinds.count
        panes = kinds.enumerated().map { i, kind in
            let extra = i == kinds.count - 1 ? body.width - width * kinds.count : 0
            return (kind, Rect(x: body.x + i * width, y: body.y, width: width + extra, height: body.height))
        }
        // Detected languages are shown for translations made from "auto", whatever the source is set to now.
        showsGutter = (state.translatedDirection?.source ?? state.sourceLang) == Languages.autoDetect.code
        let pw = min(44, body.width), ph = min(16, body.height)
        picker = Rect(x: body.x + (body.width - pw) / 2, y: body.y + (body.height - ph) / 2, width: pw, height: ph)
    }

    /// The text area of a pane (inside its frame), without the gutter.
    public func textArea(_ index: Int) -> Rect {
        let inner = panes[index].frame.inset(1)
        if panes[index].kind == .translation, showsGutter {
            return Rect(x: inner.x + Self.gutterWidth, y: inner.y, width: inner.width - Self.gutterWidth, height: inner.height)
        }
        return inner
    }

    /// The wrap width of every pane, in pane order (the source keeps one cell for the cursor at a full row's end).
    public var wrapWidths: [Int] {
        panes.indices.map { i in max(1, textArea(i).width - (panes[i].kind == .source ? 1 : 0)) }
    }

    public var visibleRows: Int { max(1, panes.first.map { $0.frame.inset(1).height } ?? 1) }
}
