// libFuzzer entry for SynthKit's StreamDecoder (built by fuzz/build.sh together with the decoder's sources).
// Property: how the body is cut into network chunks never changes what comes out. The first input byte picks
// the chunk sizes; the rest is the body, fed once whole and once in pieces.

@_cdecl("LLVMFuzzerTestOneInput")
public func streamDecoderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let seed = Int(data[0])
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let whole = run(body, chunkSizes: [max(1, body.count)])
    let sizes = (0..<16).map { 1 + ((seed >> ($0 % 8)) & 0x7) * (1 + $0 % 3) }
    let pieces = run(body, chunkSizes: sizes)
    if whole != pieces {
        fatalError("chunking changed the outcome: whole \(whole) vs pieces \(pieces)")
    }
    return 0
}

private struct Outcome: Equatable {
    var answers: [CompletionAnswer] = []
    var error: APIError?
    var text: [String] = []
}

private func run(_ body: [UInt8], chunkSizes: [Int]) -> Outcome {
    var decoder = StreamDecoder()
    var outcome = Outcome()
    var offset = 0
    var turn = 0
    do {
        while offset < body.count {
            let end = min(body.count, offset + chunkSizes[turn % chunkSizes.count])
            outcome.answers += try decoder.feed(body[offset..<end])
            offset = end
            turn += 1
        }
        outcome.answers += try decoder.finish()
    } catch {
        outcome.error = error
    }
    outcome.text = decoder.receivedText
    _ = decoder.accumulatedAnswer
    return outcome
}
