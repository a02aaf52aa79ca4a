// Guesses the language of a text among a set of candidates by counting very common words and telltale letters.
// Good enough to pick between the handful of languages Apertium has installed; not a general identifier.

enum LanguageDetector {
    static let commonWords: [String: Set<String>] = [
        "en": ["the", "and", "of", "to", "is", "in", "it", "that", "was", "for", "on", "are", "with", "as", "i",
               "his", "they", "be", "at", "this", "have", "from", "or", "by", "you", "what", "not", "but", "we",
               "my", "a", "an", "he", "she", "how", "do", "over", "there", "were", "which", "their", "will"],
        "es": ["el", "la", "de", "que", "y", "en", "los", "se", "del", "las", "un", "por", "con", "no", "una",
               "su", "para", "es", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "o", "este", "sí",
               "porque", "esta", "entre", "cuando", "muy", "sin", "sobre", "también", "me", "hay", "yo", "está"],
        "fr": ["le", "la", "de", "et", "les", "des", "en", "un", "une", "du", "est", "que", "qui", "dans",
               "pour", "pas", "sur", "au", "avec", "il", "elle", "ce", "je", "nous", "vous", "sont", "mais",
               "ou", "où", "aux", "son", "sa", "ses", "cette", "plus", "par", "très", "suis", "être", "ne"],
        "pt": ["o", "a", "de", "que", "e", "do", "da", "em", "um", "para", "é", "com", "não", "uma", "os",
               "no", "se", "na", "por", "mais", "as", "dos", "como", "mas", "ao", "ele", "das", "à", "seu",
               "sua", "ou", "quando", "muito", "nos", "já", "eu", "também", "só", "pelo", "pela", "isso"],
        "eo": ["la", "kaj", "de", "en", "estas", "al", "ne", "mi", "ke", "li", "ŝi", "ni", "vi", "ili", "por",
               "kun", "el", "sed", "se", "pri", "tiu", "kiu", "kio", "estis", "havas", "ankaŭ", "tre", "aŭ",
               "unu", "sia", "ĉi", "pli", "oni", "ĉu", "jes", "sur", "post", "antaŭ", "nur", "iu"],
        "ca": ["el", "la", "de", "i", "que", "a", "en", "els", "les", "un", "una", "per", "amb", "no", "del",
               "es", "és", "al", "com", "més", "però", "seu", "seva", "són", "també", "aquest", "aquesta"],
        "it": ["il", "di", "che", "e", "la", "in", "un", "una", "per", "non", "del", "della", "sono", "è", "gli",
               "le", "con", "si", "da", "al", "come", "ma", "anche", "questo", "questa", "più", "molto"],
        "de": ["der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist",
               "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat"],
        "gl": ["o", "a", "de", "que", "e", "do", "da", "en", "un", "unha", "para", "é", "con", "non", "os",
               "as", "se", "no", "na", "por", "máis", "como", "pero", "ao", "dos", "das", "tamén"],
        "oc": ["lo", "la", "de", "e", "que", "en", "los", "las", "un", "una", "per", "amb", "es", "pas", "del"],
        "nl": ["de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "zijn", "met", "voor", "niet"],
        "ro": ["și", "de", "la", "în", "cu", "pe", "nu", "este", "că", "un", "o", "care", "mai", "din", "pentru"],
    ]

    static let telltaleLetters: [String: Set<Character>] = [
        "es": ["ñ", "¿", "¡"],
        "fr": ["ç", "è", "ê", "à", "ù", "œ", "î", "ë"],
        "pt": ["ã", "õ", "ç", "â", "ê"],
        "eo": ["ĉ", "ĝ", "ĥ", "ĵ", "ŝ", "ŭ"],
        "de": ["ß", "ä", "ö", "ü"],
        "ro": ["ș", "ț", "ă", "î", "â"],
        "ca": ["·", "ç", "à", "è", "ò"],
    ]

    /// The candidate with the best score; `fallback` (or the first candidate) when nothing matches at all.
    static func detect(_ text: String, among candidates: [String], fallback: String? = nil) -> String? {
        guard !candidates.isEmpty else { return nil }
        let lowered = text.lowercased()
        let words = lowered.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "·" }).map(String.init)
        var best: (language: String, score: Double)? = nil
        for language in candidates {
            let common = commonWords[language] ?? []
            var score = Double(words.filter { common.contains($0) }.count)
            if let letters = telltaleLetters[language] {
                score += 0.5 * Double(lowered.filter { letters.contains($0) }.count)
            }
            if score > (best?.score ?? 0) { best = (language, score) }
        }
        return best?.language ?? fallback ?? (candidates.contains("en") ? "en" : candidates.first)
    }
}
