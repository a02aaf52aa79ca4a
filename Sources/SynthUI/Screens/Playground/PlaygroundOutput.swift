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

    mutating func handleOutputKey(_ key: KeyPress, effects: inout [Effect]) {
        switch key.key {
        case .up: scrollOutput(by: -1)
        case .down: scrollOutput(by: 1)
        case .pageUp: scrollOutput(by: -max(1, outputPageHeight - 1))
        case .pageDown, .character(" "): scrollOutput(by: max(1, outputPageHeight - 1))
        case .home: scrollOutput(by: -outputScroll)
        case .end:
            outputFollows = true
            followOutputEnd()
        case .left, .character("["): selectOutputTab((outputTab + outputs.count - 1) % max(1, outputs.count))
        case .right, .character("]"): selectOutputTab((outputTab + 1) % max(1, outputs.count))
        case .character(let c) where c.isNumber && !key.control:
            if let n = c.wholeNumberValue, n >= 1 { selectOutputTab(n - 1) }
        case .character("a"), .enter: appendOutputToPrompt(effects: &effects)
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
