// ISO 639 language codes: Apertium mode names mix 3-letter (eng-spa) and 2-letter (es-fr) codes,
// clients may send either; everything inside the server speaks 2-letter codes where one exists.

enum LanguageCode {
    /// ISO 639-2 (both /T and /B forms) to ISO 639-1, for the languages Apertium has pairs for.
    static let twoLetterForThreeLetter: [String: String] = [
        "eng": "en", "spa": "es", "fra": "fr", "fre": "fr", "por": "pt", "epo": "eo", "cat": "ca",
        "ita": "it", "deu": "de", "ger": "de", "glg": "gl", "oci": "oc", "ron": "ro", "rum": "ro",
        "nld": "nl", "dut": "nl", "arg": "an", "ast": "ast", "eus": "eu", "baq": "eu", "nob": "nb",
        "nno": "nn", "swe": "sv", "dan": "da", "isl": "is", "ice": "is", "fao": "fo", "afr": "af",
        "bel": "be", "rus": "ru", "ukr": "uk", "pol": "pl", "ces": "cs", "cze": "cs", "slk": "sk",
        "slo": "sk", "slv": "sl", "hrv": "hr", "srp": "sr", "bos": "bs", "mkd": "mk", "mac": "mk",
        "bul": "bg", "ell": "el", "gre": "el", "tur": "tr", "kaz": "kk", "tat": "tt", "kir": "ky",
        "uzb": "uz", "ara": "ar", "mlt": "mt", "heb": "he", "hin": "hi", "urd": "ur", "ind": "id",
        "msa": "ms", "may": "ms", "cym": "cy", "wel": "cy", "gle": "ga", "gla": "gd", "bre": "br",
        "cor": "kw", "fin": "fi", "est": "et", "hun": "hu", "lit": "lt", "lav": "lv", "sme": "se",
        "srd": "sc", "cos": "co", "lat": "la", "sqi": "sq", "alb": "sq", "hye": "hy", "arm": "hy",
        "kat": "ka", "geo": "ka", "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko", "vie": "vi",
        "tha": "th", "swa": "sw", "hau": "ha", "yor": "yo", "zul": "zu", "xho": "xh", "som": "so",
    ]

    /// The canonical (2-letter when one exists) lowercase form of a code, or nil if it is not shaped like one.
    /// A regional variant ("pt_BR", "en-US") keeps only its language part.
    static func normalised(_ raw: String) -> String? {
        var code = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if let cut = code.firstIndex(where: { $0 == "_" || $0 == "-" }) { code = String(code[..<cut]) }
        guard (2...3).contains(code.count), code.allSatisfy({ $0 >= "a" && $0 <= "z" }) else { return nil }
        if code.count == 3, let two = twoLetterForThreeLetter[code] { return two }
        return code
    }

    /// Whether a code names a language we know of (so that "eco" in "eco-es-fr" is not taken for one).
    static func isKnown(_ code: String) -> Bool {
        code.count == 2 || twoLetterForThreeLetter.values.contains(code)
    }
}

import Foundation
