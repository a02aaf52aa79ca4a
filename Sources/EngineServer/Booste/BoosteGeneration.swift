// GPT-2 the Booste way on the local model: the prompt is cut to its last `windowMax` words, `length` counts words,
// and the answer is a list of words.

import Foundation
import LocalEngine
import SynthWire

enum BoosteGeneration {
    /// The prompt's most recent `windowMax` words (Booste's sliding window).
    static func window(_ prompt: String, windowMax: Int) -> String {
        prompt.split(whereSeparator: \.isWhitespace).suffix(windowMax).joined(separator: " ")
    }

    /// Generates until `length` whole words exist (a word is whole once the next one has started, or at the end).
    /// A model can write a long run without a space (a URL, a row of dashes, "20.000000…": SmolLM2 writes digits
    /// one token each) and use up a round's tokens short of `length` words; GPT-2 on Booste always answers with
    /// `length` words, so generation goes on from where it stopped, and a round after one that fell short may only
    /// start words (see `wordStarts`): every token it writes is a new word, so it cannot fall short again.
    static func words(prompt: String, parameters: BoosteParameters, generator: LocalGenerator)
        async throws(APIError) -> (words: [String], inputTokens: Int, outputTokens: Int)
    {
        var text = ""
        var inputTokens = 0, outputTokens = 0
        for number in 0..<Self.rounds {
            let round = try await words(prompt: prompt, continuing: text, parameters: parameters, generator: generator,
                                        onlyStartingWords: number > 0)
            inputTokens += round.inputTokens
            outputTokens += round.outputTokens
            text = round.text
            let words = text.split(whereSeparator: \.isWhitespace)
            if words.count >= parameters.length || round.complete {
                return (words.prefix(parameters.length).map(String.init), inputTokens, max(1, outputTokens))
            }
        }
        return (text.split(whereSeparator: \.isWhitespace).prefix(parameters.length).map(String.init), inputTokens,
                max(1, outputTokens))
    }

    /// How many rounds of generation one answer may take (the second cannot fall short; the rest is a margin).
    static let rounds = 3

    /// One round: the prompt's window followed by the text so far, continued until `length` + 1 words have started
    /// (`complete`) or the round's tokens run out. Returns all the text so far.
    private static func words(prompt: String, continuing sofar: String, parameters: BoosteParameters,
                              generator: LocalGenerator, onlyStartingWords: Bool)
        async throws(APIError) -> (text: String, complete: Bool, inputTokens: Int, outputTokens: Int)
    {
        var sampling = SamplingParameters.defaults
        sampling.temperature = parameters.temperature
        sampling.topK = 50  // GPT-2's usual sampling (the Booste reference leaves top-p off)
        sampling.topP = 1
        // Booste always answers with `length` words: GPT-2 there never stops early, so neither may an
        // instruct model that would rather end its turn after a word or two.
        let tokenizer = generator.localModel.tokenizer
        if onlyStartingWords {
            for id in 0..<tokenizer.vocabularySize where !startsAWord(tokenizer.tokenBytes(Int32(id))) {
                sampling.logitBias[id] = -100
            }
        }
        // Control tokens (<|im_start|>, …) write no text: a model stuck on them would write no words either.
        for id in 0..<tokenizer.vocabularySize where tokenizer.isControl(Int32(id)) { sampling.logitBias[id] = -100 }
        for id in tokenizer.endOfGenerationIDs { sampling.logitBias[Int(id)] = -100 }
        // Words average well under 2 tokens; the margin covers long or odd words.
        sampling.maxTokens = parameters.length * 4 + 16
        let spec = generator.completionJob(prompt: window(prompt, windowMax: parameters.windowMax) + sofar,
                                           parameters: sampling)
        let (job, events) = try generator.submit(spec)
        defer { generator.abandon(job) }
        var text = sofar
        for await event in events {
            switch event {
            case let .progress(deltas):
                text += deltas.first ?? ""
                // length + 1 words started means the first `length` are complete: stop early.
                let words = text.split(whereSeparator: \.isWhitespace)
                if words.count > parameters.length {
                    // This round's share of the answer's tokens: the answer's, less what earlier rounds wrote.
                    let output = words.prefix(parameters.length).joined(separator: " ")
                    let earlier = sofar.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    let tokens = tokenCount(output, generator) - (earlier.isEmpty ? 0 : tokenCount(earlier, generator))
                    return (text, true, spec.promptTokens.count, max(0, tokens))
                }
            case let .completed(last, summary):
                text += last.first ?? ""
                return (text, false, summary.inputTokens, summary.outputTokens)
            case let .failed(message):
                throw .internalError(message)
            case .logprob, .tokens:
                break
            }
        }
        throw .internalError("generation ended without an answer")
    }

    /// Whether a token's text is whitespace followed by more ("␣the", "⏎The"): writing it starts a word.
    static func startsAWord(_ bytes: [UInt8]) -> Bool {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let first = bytes.first, isSpace(first) else { return false }
        return bytes.contains { !isSpace($0) }
    }

    private static func tokenCount(_ text: String, _ generator: LocalGenerator) -> Int {
        generator.tokenize(" " + text).count
    }
}
