// Turning the source pane into API requests: one text per non-blank line, at most 64 texts per request.
import SynthKit

/// Where a source line's translation comes from: which request of the plan and which text in it.
public struct BatchSlot: Sendable, Hashable {
    public var batch: Int
    public var index: Int
    public init(batch: Int, index: Int) {
        self.batch = batch
        self.index = index
    }
}

public struct TranslationPlan: Sendable, Equatable {
    public var requests: [TranslateRequest]
    /// One entry per source line: its slot, or nil for a blank line (a paragraph break, not sent).
    public var slots: [BatchSlot?]

    /// Each source line's translation from the answers (in request order); nil where blank or not answered yet.
    public func translations(from answers: [Int: TranslateAnswer]) -> [TranslateAnswer.Translation?] {
        slots.map { slot in
            guard let slot, let answer = answers[slot.batch], answer.translations.indices.contains(slot.index) else {
                return nil
            }
            return answer.translations[slot.index]
        }
    }
}

public enum TranslationBatches {
    /// Splits `text` into lines and packs the non-blank ones into requests of at most `TranslateRequest.maxTexts`.
    public static func plan(_ text: String, sourceLang: String, targetLang: String, numBeams: Int,
                            splitSentences: Bool, batchSize: Int = TranslateRequest.maxTexts) -> TranslationPlan {
        plan(lines: sourceLines(text), sourceLang: sourceLang, targetLang: targetLang, numBeams: numBeams,
             splitSentences: splitSentences, batchSize: batchSize)
    }

    public static func plan(lines: [String], sourceLang: String, targetLang: String, numBeams: Int,
                            splitSentences: Bool, batchSize: Int = TranslateRequest.maxTexts) -> TranslationPlan {
        let size = max(1, min(batchSize, TranslateRequest.maxTexts))
        var batches: [[String]] = []
        var slots: [BatchSlot?] = []
        for line in lines {
            if isBlank(line) {
                slots.append(nil)
                continue
            }
            if batches.last.map({ $0.count >= size }) ?? true { batches.append([]) }
            batches[batches.count - 1].append(line)
            slots.append(BatchSlot(batch: batches.count - 1, index: batches[batches.count - 1].count - 1))
        }
        let requests = batches.map {
            TranslateRequest(text: $0, sourceLang: sourceLang, targetLang: targetLang, numBeams: numBeams,
                             splitSentences: splitSentences)
        }
        return TranslationPlan(requests: requests, slots: slots)
    }

    /// The source pane's lines (a trailing newline does not add an empty line to translate).
    public static func sourceLines(_ text: String) -> [String] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map(String.init)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        return lines
    }

    static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }
}
