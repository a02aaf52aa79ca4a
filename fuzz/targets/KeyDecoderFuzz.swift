// libFuzzer entry for TerminalBackend's KeyDecoder (built by fuzz/build.sh with the decoder's sources).
// Input bytes become keystrokes: ordinary bytes are scalars (so escape sequences, pastes and mouse reports
// appear), 0xF5 + 2 bytes is a curses key code, 0xF6 + 4 bytes a mouse report, 0xF7 is "input went quiet"
// (flush), 0xF8 + 3 bytes a non-ASCII scalar. Property: after a flush nothing is left pending.

@_cdecl("LLVMFuzzerTestOneInput")
public func keyDecoderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var decoder = KeyDecoder()
    var out: [TerminalInput] = []
    var index = 0
    func next() -> UInt32 {
        defer { index += 1 }
        return index < bytes.count ? UInt32(bytes[index]) : 0
    }
    while index < bytes.count {
        let byte = next()
        switch byte {
        case 0xF5:
            decoder.feed(.keyCode(Int32(next() << 8 | next())), into: &out)
        case 0xF6:
            let actions: [MouseReport.Action] = [.press(button: 1), .release(button: 1), .drag, .wheelUp, .wheelDown]
            let report = MouseReport(action: actions[Int(next()) % actions.count], row: Int(next()), column: Int(next()),
                                     modifiers: KeyModifiers(xtermParameter: Int(next() % 9)))
            decoder.feed(.mouse(report), into: &out)
        case 0xF7:
            decoder.flush(into: &out)
            if decoder.isWaitingForMoreInput { fatalError("flush left input pending") }
        case 0xF8:
            decoder.feed(.scalar((next() << 16 | next() << 8 | next()) & 0x1F_FFFF), into: &out)
        default:
            decoder.feed(.scalar(byte), into: &out)
        }
        if out.count > 4096 { out.removeAll(keepingCapacity: true) }
    }
    decoder.flush(into: &out)
    if decoder.isWaitingForMoreInput { fatalError("flush left input pending") }
    return 0
}
