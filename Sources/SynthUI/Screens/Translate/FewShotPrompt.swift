// The few-shot translation prompt used for WMT scores of completion models: K example pairs, then the sentence.
import Foundation
import SynthKit

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

    /// The same five everyday sentences in the languages the few-shot column has examples for: any two of them
    /// make the example pairs for that direction.
    public static let parallelSentences: [String: [String]] = [
        "en": ["The weather is nice today.", "Where is the train station?", "I would like a cup of coffee, please.",
               "The meeting has been moved to Thursday.", "She has been reading this book for two weeks."],
        "fr": ["Il fait beau aujourd'hui.", "Où est la gare ?", "Je voudrais une tasse de café, s'il vous plaît.",
               "La réunion a été déplacée à jeudi.", "Elle lit ce livre depuis deux semaines."],
        "es": ["Hoy hace buen tiempo.", "¿Dónde está la estación de tren?", "Quisiera una taza de café, por favor.",
               "La reunión se ha trasladado al jueves.", "Lleva dos semanas leyendo este libro."],
        "de": ["Heute ist schönes Wetter.", "Wo ist der Bahnhof?", "Ich hätte gern eine Tasse Kaffee, bitte.",
               "Das Treffen wurde auf Donnerstag verschoben.", "Sie liest dieses Buch seit zwei Wochen."],
        "it": ["Oggi fa bel tempo.", "Dov'è la stazione ferroviaria?", "Vorrei una tazza di caffè, per favore.",
               "La riunione è stata spostata a giovedì.", "Sta leggendo questo libro da due settimane."],
        "pt": ["Hoje está um dia bonito.", "Onde fica a estação de comboios?", "Queria uma chávena de café, por favor.",
               "A reunião foi adiada para quinta-feira.", "Ela está a ler este livro há duas semanas."],
        "nl": ["Het is mooi weer vandaag.", "Waar is het treinstation?", "Ik wil graag een kopje koffie, alstublieft.",
               "De vergadering is verplaatst naar donderdag.", "Ze leest dit boek al twee weken."],
        "ca": ["Avui fa bon temps.", "On és l'estació de tren?", "Voldria una tassa de cafè, si us plau.",
               "La reunió s'ha traslladat a dijous.", "Fa dues setmanes que llegeix aquest llibre."],
        "eo": ["Hodiaŭ la vetero estas bela.", "Kie estas la fervoja stacidomo?", "Mi ŝatus tason da kafo, mi petas.",
               "La kunveno estis prokrastita ĝis ĵaŭdo.", "Ŝi legas ĉi tiun libron de du semajnoj."],
    ]

    /// Example pairs for a direction ("auto" counts as English), or nil when one side has none.
    public static func examples(from source: String, to target: String) -> [TranslationExample]? {
        let from = source == Languages.autoDetect.code ? "en" : source
        guard let sources = parallelSentences[from], let targets = parallelSentences[target] else { return nil }
        return zip(sources, targets).map { TranslationExample(source: $0, target: $1) }
    }

    /// A few English–French pairs to start from (the direction WMT14 scores in the reference).
    public static var englishFrenchExamples: [TranslationExample] { examples(from: "en", to: "fr")! }
}
