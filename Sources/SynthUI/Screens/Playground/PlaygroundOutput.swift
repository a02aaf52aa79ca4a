// Keys of the output pane: scrolling, following the stream, tabs.

extension PlaygroundState {
    /// Lines the output pane shows at once.
    var outputPageHeight: Int { max(1, layout.outputText.height) }

    var outputLineCount: Int { currentOutput?.lines.count ?? 0 }

    /// The scroll position that shows the last page.
    var outputEndScroll: Int { max(0, outputLineCount - outputPageHeight) }

    mutating func followOutputEnd() {
        outputScroll = outputEndScroll
    }

    mutating func clampOutputScroll() {
        outputScroll = min(max(0, outputScroll), outputEndScroll)
    }

    /// Scrolls; scrolling up stops following the stream, reaching the end resumes it.
    mutating func scrollOutput(by delta: Int) {
        outputScroll += delta
        clampOutputScroll()
        outputFollows = outputScroll >= outputEndScroll
    }

    mutating func selectOutputTab(_ index: Int) {
        guard outputs.indices.contains(index) else { return }
        outputTab = index
        outputFollows = true
        followOutputEnd()
    }

    /// An output key from the table.
    mutating func moveInOutput(_ action: PlaygroundAction, key: KeyPress) {
        switch (action, key.key) {
        case (.scroll, let k): scrollOutput(by: k == .up ? -1 : 1)
        case (.scrollPage, .pageUp): scrollOutput(by: -max(1, outputPageHeight - 1))
        case (.scrollPage, _): scrollOutput(by: max(1, outputPageHeight - 1))
        case (.scrollTop, _): scrollOutput(by: -outputScroll)
        case (.follow, _):
            outputFollows = true
            followOutputEnd()
        case (.switchTab, .left), (.switchTab, .character("[")):
            selectOutputTab((outputTab + outputs.count - 1) % max(1, outputs.count))
        case (.switchTab, _): selectOutputTab((outputTab + 1) % max(1, outputs.count))
        case (.chooseTab, .character(let c)): if let n = c.wholeNumberValue, n >= 1 { selectOutputTab(n - 1) }
        default: break
        }
    }

    /// Keeps the same text at the top of the pane after the outputs were rewrapped for a new width.
    mutating func keepOutputPosition(topOffset: Int) {
        guard let doc = currentOutput else { return }
        var lo = 0, hi = doc.lines.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if doc.lines[mid].start <= topOffset { lo = mid } else { hi = mid - 1 }
        }
        outputScroll = lo
        clampOutputScroll()
    }
}
