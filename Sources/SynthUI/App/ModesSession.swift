// What the compare screen and the scratchpad keep across restarts: their inputs (columns' settings, the pad's text
// and languages), never their outputs and never a key. Saved beside the playground's session.
import SynthKit

public struct ModesSession: Sendable, Equatable, Codable {
    public static let currentVersion = 1

    /// One compare column's settings.
    public struct Column: Sendable, Equatable, Codable {
        public var backend: String
        public var engine: EngineChoice
        public var parameters: SamplingParameters
        public var boosteLength: Int
        public var boosteTemperature: Double
        public var boosteWindowMax: Int
    }

    public struct Pad: Sendable, Equatable, Codable {
        public var text: String
        public var sourceLang: String
        public var targetLang: String
        public var numBeams: Int
        public var splitSentences: Bool
        public var roundTrip: Bool
    }

    /// The chat screen's conversation and settings (what was said is the chat's input: it is sent again with
    /// every reply).
    public struct Chat: Sendable, Equatable, Codable {
        public var engine: String
        public var system: String
        public var turns: [ChatTurn]
        public var parameters: SamplingParameters
    }

    /// The image screen's prompts and parameters (sessions from before it have none).
    public struct Image: Sendable, Equatable, Codable {
        public var prompt: String
        public var negativePrompt: String
        public var width: Int
        public var height: Int
        public var imageCount: Int
        public var timesteps: Int
        public var guidanceScale: Double
        public var seed: Int
        public var strength: Double
        public var startImage: String?
    }

    public var version: Int
    /// Nil until the compare screen was opened.
    public var compareColumns: [Column]?
    public var pad: Pad
    /// Nil until the chat screen was opened (and in sessions from before it).
    public var chat: Chat?
    public var image: Image?
}

extension AppState {
    /// The modes' inputs to save now.
    public var modesSession: ModesSession {
        let columns = compare?.columns.map { column -> ModesSession.Column in
            let v = column.variant
            return ModesSession.Column(backend: v.backend, engine: v.engine, parameters: v.parameters,
                                       boosteLength: v.booste.length, boosteTemperature: v.booste.temperature,
                                       boosteWindowMax: v.booste.windowMax)
        }
        let p = translatePad
        let i = image
        return ModesSession(version: ModesSession.currentVersion, compareColumns: columns,
                            pad: .init(text: p.source.text, sourceLang: p.sourceLang, targetLang: p.targetLang,
                                       numBeams: p.numBeams, splitSentences: p.splitSentences,
                                       roundTrip: p.roundTripEnabled),
                            chat: chat.map(\.savedConversation),
                            image: .init(prompt: i.prompt.text, negativePrompt: i.negative.text, width: i.width,
                                         height: i.height, imageCount: i.imageCount, timesteps: i.timesteps,
                                         guidanceScale: i.guidanceScale, seed: i.seed, strength: i.strength,
                                         startImage: i.startImage))
    }

    /// Puts saved inputs back: the compare columns (with the playground's prompt) and the pad's text and options.
    /// Columns whose engine this backend does not offer take the playground's engine instead.
    public mutating func restore(_ saved: ModesSession) {
        if let columns = saved.compareColumns, columns.count >= CompareState.minColumns {
            let variants = columns.map { c -> CompareVariant in
                var booste = BoosteParameters()
                booste.length = c.boosteLength
                booste.temperature = c.boosteTemperature
                booste.windowMax = c.boosteWindowMax
                let engine = engines.first { $0.qualifiedID == c.engine.qualifiedID }
                    ?? engines.first { $0.id == c.engine.id && $0.backend == nil } ?? playground.engine
                return CompareVariant(backend: backendName, engine: engine, parameters: c.parameters, booste: booste)
            }
            var made = CompareState(prompt: playground.editor.text, base: variants[0], engines: engines,
                                    firstRequestID: 1)
            made.replaceColumns(with: variants)
            compare = made
        }
        var pad = translatePad
        pad.source.replaceAll(with: saved.pad.text)
        pad.sourceLang = saved.pad.sourceLang
        pad.targetLang = saved.pad.targetLang
        pad.numBeams = min(max(1, saved.pad.numBeams), 5)
        pad.splitSentences = saved.pad.splitSentences
        pad.roundTripEnabled = saved.pad.roundTrip
        translatePad = pad
        if let saved = saved.chat {
            var made = ChatState(backendName: backendName, engines: chatEngines, engine: saved.engine,
                                 parameters: ParameterValues(sampling: saved.parameters))
            made.turns = saved.turns
            made.system.replaceAll(with: saved.system)
            made.dropEmptyReply()
            chat = made
        }
        if let saved = saved.image { restoreImage(saved) }
        resizeModes()
    }

    /// The image screen's inputs back; a value outside its documented range (a hand-edited file) keeps the default.
    mutating func restoreImage(_ saved: ModesSession.Image) {
        image.prompt.replaceAll(with: saved.prompt)
        image.negative.replaceAll(with: saved.negativePrompt)
        let sides = TextToImageRequest.allowedSides
        if sides.contains(saved.width) { image.width = saved.width }
        if sides.contains(saved.height) { image.height = saved.height }
        if ParameterSpec.imageCount.allows(Double(saved.imageCount)) { image.imageCount = saved.imageCount }
        if ParameterSpec.timesteps.allows(Double(saved.timesteps)) { image.timesteps = saved.timesteps }
        if ParameterSpec.guidanceScale.allows(saved.guidanceScale) { image.guidanceScale = saved.guidanceScale }
        if ParameterSpec.imageSeed.allows(Double(saved.seed)) { image.seed = saved.seed }
        if ParameterSpec.strength.allows(saved.strength) { image.strength = saved.strength }
        image.startImage = saved.startImage
    }
}
