// Languages by engine: M2M100's, as the TextSynth reference lists them (textsynth-api.txt, translate), MADLAD-400's
// (MADLAD400.swift), and English names for the codes we know.

public struct Language: Sendable, Hashable, Codable {
    /// Two or three letter ISO code, as sent in `source_lang`/`target_lang`.
    public var code: String
    /// English name.
    public var name: String
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

public enum Languages {
    /// "auto": detect the source language (source only).
    public static let autoDetect = Language(code: "auto", name: "Detect automatically")

    /// The reference's table, in its order: 99 languages (it says "100"; its last row, yi yo zu, was once missed).
    public static let m2m100: [Language] = [
        Language(code: "af", name: "Afrikaans"),
        Language(code: "sq", name: "Albanian"),
        Language(code: "am", name: "Amharic"),
        Language(code: "ar", name: "Arabic"),
        Language(code: "hy", name: "Armenian"),
        Language(code: "ast", name: "Asturian"),
        Language(code: "az", name: "Azerbaijani"),
        Language(code: "ba", name: "Bashkir"),
        Language(code: "be", name: "Belarusian"),
        Language(code: "bn", name: "Bengali"),
        Language(code: "bs", name: "Bosnian"),
        Language(code: "bg", name: "Bulgarian"),
        Language(code: "my", name: "Burmese"),
        Language(code: "ca", name: "Catalan"),
        Language(code: "ceb", name: "Cebuano"),
        Language(code: "km", name: "Central Khmer"),
        Language(code: "zh", name: "Chinese"),
        Language(code: "hr", name: "Croatian"),
        Language(code: "cs", name: "Czech"),
        Language(code: "da", name: "Danish"),
        Language(code: "nl", name: "Dutch"),
        Language(code: "en", name: "English"),
        Language(code: "et", name: "Estonian"),
        Language(code: "fi", name: "Finnish"),
        Language(code: "fr", name: "French"),
        Language(code: "ff", name: "Fulah"),
        Language(code: "gl", name: "Galician"),
        Language(code: "lg", name: "Ganda"),
        Language(code: "ka", name: "Georgian"),
        Language(code: "de", name: "German"),
        Language(code: "el", name: "Greek"),
        Language(code: "gu", name: "Gujarati"),
        Language(code: "ht", name: "Haitian Creole"),
        Language(code: "ha", name: "Hausa"),
        Language(code: "he", name: "Hebrew"),
        Language(code: "hi", name: "Hindi"),
        Language(code: "hu", name: "Hungarian"),
        Language(code: "is", name: "Icelandic"),
        Language(code: "ig", name: "Igbo"),
        Language(code: "ilo", name: "Iloko"),
        Language(code: "id", name: "Indonesian"),
        Language(code: "ga", name: "Irish"),
        Language(code: "it", name: "Italian"),
        Language(code: "ja", name: "Japanese"),
        Language(code: "jv", name: "Javanese"),
        Language(code: "kn", name: "Kannada"),
        Language(code: "kk", name: "Kazakh"),
        Language(code: "ko", name: "Korean"),
        Language(code: "lo", name: "Lao"),
        Language(code: "lv", name: "Latvian"),
        Language(code: "ln", name: "Lingala"),
        Language(code: "lt", name: "Lithuanian"),
        Language(code: "lb", name: "Luxembourgish"),
        Language(code: "mk", name: "Macedonian"),
        Language(code: "mg", name: "Malagasy"),
        Language(code: "ms", name: "Malay"),
        Language(code: "ml", name: "Malayalam"),
        Language(code: "mr", name: "Marathi"),
        Language(code: "mn", name: "Mongolian"),
        Language(code: "ne", name: "Nepali"),
        Language(code: "nso", name: "Northern Sotho"),
        Language(code: "no", name: "Norwegian"),
        Language(code: "oc", name: "Occitan"),
        Language(code: "or", name: "Oriya"),
        Language(code: "pa", name: "Panjabi"),
        Language(code: "ps", name: "Pashto"),
        Language(code: "fa", name: "Persian"),
        Language(code: "pl", name: "Polish"),
        Language(code: "pt", name: "Portuguese"),
        Language(code: "ro", name: "Romanian"),
        Language(code: "ru", name: "Russian"),
        Language(code: "gd", name: "Scottish Gaelic"),
        Language(code: "sr", name: "Serbian"),
        Language(code: "sd", name: "Sindhi"),
        Language(code: "si", name: "Sinhala"),
        Language(code: "sk", name: "Slovak"),
        Language(code: "sl", name: "Slovenian"),
        Language(code: "so", name: "Somali"),
        Language(code: "es", name: "Spanish"),
        Language(code: "su", name: "Sundanese"),
        Language(code: "sw", name: "Swahili"),
        Language(code: "ss", name: "Swati"),
        Language(code: "sv", name: "Swedish"),
        Language(code: "tl", name: "Tagalog"),
        Language(code: "ta", name: "Tamil"),
        Language(code: "th", name: "Thai"),
        Language(code: "tn", name: "Tswana"),
        Language(code: "tr", name: "Turkish"),
        Language(code: "uk", name: "Ukrainian"),
        Language(code: "ur", name: "Urdu"),
        Language(code: "uz", name: "Uzbek"),
        Language(code: "vi", name: "Vietnamese"),
        Language(code: "cy", name: "Welsh"),
        Language(code: "fy", name: "Western Frisian"),
        Language(code: "wo", name: "Wolof"),
        Language(code: "xh", name: "Xhosa"),
        Language(code: "yi", name: "Yiddish"),
        Language(code: "yo", name: "Yoruba"),
        Language(code: "zu", name: "Zulu"),
    ]

    /// Names of codes M2M100's table lacks that Apertium pairs or MADLAD-400 translate.
    static let moreNames: [String: String] = [
        "an": "Aragonese", "arz": "Egyptian Arabic", "br": "Breton", "ckb": "Central Kurdish", "co": "Corsican",
        "eo": "Esperanto", "eu": "Basque", "fil": "Filipino", "fo": "Faroese", "frp": "Arpitan", "haw": "Hawaiian",
        "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "mi": "Maori", "mt": "Maltese", "nb": "Norwegian Bokmål",
        "nn": "Norwegian Nynorsk", "ny": "Chichewa", "rw": "Kinyarwanda", "sa": "Sanskrit", "sc": "Sardinian",
        "sh": "Serbo-Croatian", "sm": "Samoan", "sn": "Shona", "st": "Southern Sotho", "szl": "Silesian",
        "te": "Telugu", "tg": "Tajik", "tk": "Turkmen", "tt": "Tatar", "ug": "Uyghur", "yue": "Cantonese",
    ]

    public static func named(code: String) -> Language? {
        if code == autoDetect.code { return autoDetect }
        if let known = m2m100.first(where: { $0.code == code }) { return known }
        return moreNames[code].map { Language(code: code, name: $0) }
    }

    /// The English name of a code, or the code itself when unknown.
    public static func name(of code: String) -> String { named(code: code)?.name ?? code }

    /// A language for every code: its name when we know it, the code itself otherwise.
    public static func languages(codes: [String]) -> [Language] {
        codes.map { named(code: $0) ?? Language(code: $0, name: $0) }
    }

    /// The languages a translation engine is documented to translate, or nil when it is not one we know (a
    /// self-hosted server's engine, or Apertium, whose languages are the pairs its server lists).
    public static func of(engine id: String) -> [Language]? {
        switch id {
        case "m2m100_1_2B": return m2m100
        case "madlad400_7B": return madlad400
        default: return nil
        }
    }

    /// Whether engine `id` translates `code` (a script or region suffix, as in zh_Hant or pt-BR, is judged by its
    /// language part); nil when the engine's languages are not known here, so the server must judge.
    public static func engine(_ id: String, translates code: String) -> Bool? {
        guard let languages = of(engine: id) else { return nil }
        let base = code.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" }).first.map(String.init) ?? ""
        return languages.contains { $0.code == base }
    }
}
