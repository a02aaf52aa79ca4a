// The few-shot translation prompt used for WMT scores of completion models: K example pairs, then the sentence.
import Foundation

public struct TranslationExample: Sendable, Equatable, Codable {
    public var source: String
    public var target: String
    public init(source: String, target: String) {
        self.source = source
        self.target = target
    }
}

public enum FewShotPrompt {
    /// The completion stops at the end of the translated line.
    public static let stop = "\n"

    /// "English: …\nFrench: …\n\n" for each of the first `k` examples, then "English: <sentence>\nFrench:".
    /// Newlines inside texts would end the answer early, so they are flattened to spaces.
    public static func build(sentence: String, sourceName: String, targetName: String,
                             examples: [TranslationExample], k: Int) -> String {
        var prompt = ""
        for example in examples.prefix(max(0, k)) {
            prompt += "\(sourceName): \(flat(example.source))\n\(targetName): \(flat(example.target))\n\n"
        }
        prompt += "\(sourceName): \(flat(sentence))\n\(targetName):"
        return prompt
    }

    /// What the model wrote, as a translation: the first line, trimmed.
    public static func answer(from completion: String) -> String {
        let line = completion.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return line.trimmingCharacters(in: .whitespaces)
    }

    static func flat(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }

    /// A few English–French pairs to start from (the direction WMT14 scores in the reference).
    public static let englishFrenchExamples: [TranslationExample] = [
        TranslationExample(source: "The weather is nice today.", target: "Il fait beau aujourd'hui."),
        TranslationExample(source: "Where is the train station?", target: "Où est la gare ?"),
        TranslationExample(source: "I would like a cup of coffee, please.", target: "Je voudrais une tasse de café, s'il vous plaît."),
        TranslationExample(source: "The meeting has been moved to Thursday.", target: "La réunion a été déplacée à jeudi."),
        TranslationExample(source: "She has been reading this book for two weeks.", target: "Elle lit ce livre depuis deux semaines."),
    ]
}
