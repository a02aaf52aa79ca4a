// ISO 639 language codes: Apertium mode names mix 3-letter (eng-spa) and 2-letter (es-fr) codes, clients may send
// either; the server and the UI speak 2-letter codes where one exists. The one table both use.

import Foundation

public enum LanguageCode {
    /// ISO 639-2/3 (both /T and /B forms) to ISO 639-1, for the languages Apertium has pairs for and a few more.
    /// Norwegian: Apertium keeps Bokmål (nob) and Nynorsk (nno) apart and translates between them, so they stay
    /// nb and nn; "nor"/"no" (M2M100's and MADLAD-400's Norwegian, overwhelmingly Bokmål text) is Bokmål to the
    /// local server (`apertiumAliases`). Serbo-Croatian (hbs) is "sh", the code ISO 639-1 had for it.
    static let twoLetterForThreeLetter: [String: String] = [
        "eng": "en", "spa": "es", "fra": "fr", "fre": "fr", "por": "pt", "epo": "eo", "cat": "ca",
        "ita": "it", "deu": "de", "ger": "de", "glg": "gl", "oci": "oc", "ron": "ro", "rum": "ro",
        "nld": "nl", "dut": "nl", "arg": "an", "eus": "eu", "baq": "eu", "nob": "nb", "nno": "nn", "nor": "no",
        "swe": "sv", "dan": "da", "isl": "is", "ice": "is", "fao": "fo", "afr": "af", "hbs": "sh",
        "bel": "be", "rus": "ru", "ukr": "uk", "pol": "pl", "ces": "cs", "cze": "cs", "slk": "sk",
        "slo": "sk", "slv": "sl", "hrv": "hr", "srp": "sr", "bos": "bs", "mkd": "mk", "mac": "mk",
        "bul": "bg", "ell": "el", "gre": "el", "tur": "tr", "kaz": "kk", "tat": "tt", "kir": "ky",
        "uzb": "uz", "ara": "ar", "mlt": "mt", "heb": "he", "hin": "hi", "urd": "ur", "ind": "id",
        "msa": "ms", "may": "ms", "zlm": "ms", "cym": "cy", "wel": "cy", "gle": "ga", "gla": "gd", "bre": "br",
        "cor": "kw", "fin": "fi", "est": "et", "hun": "hu", "lit": "lt", "lav": "lv", "sme": "se",
        "srd": "sc", "cos": "co", "lat": "la", "sqi": "sq", "alb": "sq", "hye": "hy", "arm": "hy",
        "kat": "ka", "geo": "ka", "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko", "vie": "vi",
        "tha": "th", "swa": "sw", "hau": "ha", "yor": "yo", "zul": "zu", "xho": "xh", "som": "so",
    ]

    /// Codes the local server's Apertium pairs answer to under another name: "no" is Bokmål (see above), and the
    /// hbs pairs read Bosnian, Croatian and Serbian alike, so those are served as Serbo-Croatian.
    public static let apertiumAliases: [String: String] = ["no": "nb", "hr": "sh", "sr": "sh", "bs": "sh"]

    /// The canonical (2-letter when one exists) lowercase form of a code, or nil if it is not shaped like one.
    /// A regional variant ("pt_BR", "en-US") keeps only its language part.
    public static func normalised(_ raw: String) -> String? {
        var code = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if let cut = code.firstIndex(where: { $0 == "_" || $0 == "-" }) { code = String(code[..<cut]) }
        guard (2...3).contains(code.count), code.allSatisfy({ $0 >= "a" && $0 <= "z" }) else { return nil }
        if code.count == 3, let two = twoLetterForThreeLetter[code] { return two }
        return code
    }

    /// Whether a code names a language we know of (so that "eco" in "eco-es-fr" is not taken for one).
    public static func isKnown(_ code: String) -> Bool {
        code.count == 2 || twoLetterForThreeLetter.values.contains(code) || Languages.named(code: code) != nil
    }
}
