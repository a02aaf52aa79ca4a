// GPT-2 the Booste way on the local model: the prompt is cut to its last `windowMax` words, `length` counts words,
// and the answer is a list of words.

import Foundation
import LocalEngine
import SynthKit

enum BoosteGeneration {
    /// The prompt's most recent `windowMax` words (Booste's sliding window).
    static func window(_ prompt: String, windowMax: Int) -> String {
        prompt.split(whereSeparator: \.isWhitespace).suffix(windowMax).joined(separator: " ")
    }

    /// Generates until `length` whole words exist (a word is whole once the next one has started, or at the end).
    static func words(prompt: String, parameters: BoosteParameters, generator: LocalGenerator)
        async throws(APIError) -> (words: [String], inputTokens: Int, outputTokens: Int)
    {
        var sampling = SamplingParameters.defaults
        sampling.temperature = parameters.temperature
        sampling.topK = 50  // GPT-2's usual sampling (the Booste reference leaves top-p off)
        sampling.topP = 1
        // Booste always answers with `length` words: GPT-2 there never stops early, so neither may an
        // instruct model that would rather end its turn after a word or two.
        for id in generator.localModel.tokenizer.endOfGenerationIDs { sampling.logitBias[Int(id)] = -100 }
        // Words average well under 2 tokens; the margin covers long or odd words.
        sampling.maxTokens = parameters.length * 4 + 16
        let spec = generator.completionJob(prompt: window(prompt, windowMax: parameters.windowMax), parameters: sampling)
        let (job, events) = try generator.submit(spec)
        defer { generator.abandon(job) }
        var text = ""
        for await event in events {
            switch event {
            case let .progress(deltas):
                text += deltas.first ?? ""
                // length + 1 words started means the first `length` are complete: stop early.
                let words = text.split(whereSeparator: \.isWhitespace)
                if words.count > parameters.length {
                    let output = words.prefix(parameters.length).map(String.init)
                    return (output, spec.promptTokens.count, max(1, tokenCount(output.joined(separator: " "), generator)))
                }
            case let .completed(last, summary):
                text += last.first ?? ""
                let output = text.split(whereSeparator: \.isWhitespace).prefix(parameters.length).map(String.init)
                return (output, summary.inputTokens, summary.outputTokens)
            case let .failed(message):
                throw .internalError(message)
            case .logprob:
                break
            }
        }
        throw .internalError("generation ended without an answer")
    }

    private static func tokenCount(_ text: String, _ generator: LocalGenerator) -> Int {
        generator.tokenize(" " + text).count
    }
}
