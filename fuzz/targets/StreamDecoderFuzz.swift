// libFuzzer entry for SynthKit's StreamDecoder (built by fuzz/build.sh together with the decoder's sources).
// Properties: how the body is cut into network chunks never changes what comes out (the first input byte picks
// the chunk sizes; the rest is the body, fed once whole and once in pieces); and wherever StreamObjectScanner
// reads an object of the body, JSONDecoder (WireJSON) reads the same answer from it.
// Needs Sources/SynthKit/Streaming/StreamObjectScanner.swift in fuzz/build.sh's file list.
import Foundation

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
    crossCheckScanner(body)
    return 0
}

/// Each "\n\n"-separated object, and the whole body as one: the scanner's answer must be JSONDecoder's.
private func crossCheckScanner(_ body: [UInt8]) {
    var objects: [ArraySlice<UInt8>] = [body[...]]
    var start = 0
    var index = 0
    while index + 1 < body.count {
        if body[index] == 10, body[index + 1] == 10 {
            objects.append(body[start..<index])
            start = index + 2
            index = start
        } else {
            index += 1
        }
    }
    if start > 0 { objects.append(body[start...]) }
    for object in objects {
        guard let scanned = object.withUnsafeBufferPointer({ StreamObjectScanner.completionAnswer(from: $0) }) else { continue }
        guard let decoded = try? WireJSON.decode(CompletionAnswer.self, from: Data(object)) else {
            fatalError("the scanner read \(Array(object)) as \(scanned); JSONDecoder rejects it")
        }
        // Compared by UTF-8 bytes: String's == ignores differences between canonically equivalent texts.
        let same = scanned == decoded && scanned.text.map { Array($0.utf8) } == decoded.text.map { Array($0.utf8) }
            && scanned.finishReason.map { Array($0.utf8) } == decoded.finishReason.map { Array($0.utf8) }
        if !same {
            fatalError("scanner and JSONDecoder disagree on \(Array(object)): \(scanned) vs \(decoded)")
        }
    }
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
