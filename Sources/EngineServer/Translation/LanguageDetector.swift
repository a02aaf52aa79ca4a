// Tells the language of a text with cld2 (Compact Language Detector 2, about 80 languages, through CCld2). Short or
// mixed text that cld2 does not trust is reported as unreliable, with its guess, never passed off as an answer.

import CCld2
import SynthWire

enum LanguageDetector {
    enum Outcome: Sendable, Equatable {
        /// The language, as our 2-letter (or 3-letter) code.
        case language(String)
        /// cld2 is not sure (too little text, or no clear winner); its best guess if it had one.
        case unreliable(bestGuess: String?)
    }

    static func detect(_ text: String) -> Outcome {
        // cld2 answers English for text with no letters at all; that is no guess.
        guard text.contains(where: \.isLetter) else { return .unreliable(bestGuess: nil) }
        let bytes = Array(text.utf8)
        var code = [CChar](repeating: 0, count: 16)
        var reliable: Int32 = 0
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                ccld2_detect($0.baseAddress, Int32($0.count), &code, Int32(code.count), &reliable)
            }
        }
        let guess = ourCode(String(cString: code))
        guard status == 0, reliable == 1, let guess else { return .unreliable(bestGuess: guess) }
        return .language(guess)
    }

    /// cld2's code to ours: "un"/"xxx" are no language; "zh-Hant", "sr-ME" keep their language part; cld2 still
    /// uses the withdrawn ISO codes for Hebrew and Javanese.
    static func ourCode(_ cld2: String) -> String? {
        let renamed = ["iw": "he", "jw": "jv"]
        guard let code = LanguageCode.normalised(cld2), code != "un", code != "xxx" else { return nil }
        return renamed[code] ?? code
    }
}
