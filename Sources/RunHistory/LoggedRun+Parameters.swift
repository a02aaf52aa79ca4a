import SynthKit

extension LoggedRun {
    /// Booste's parameters as the history keeps them (the wire's names).
    public static func parametersJSON(_ booste: BoosteParameters) -> String {
        json(BoosteFields(length: booste.length, temperature: booste.temperature, windowMax: booste.windowMax))
    }

    /// A translation's parameters: the request without its texts (they are the run's prompt).
    public static func parametersJSON(_ translate: TranslateRequest) -> String {
        var request = translate
        request.text = []
        return json(request)
    }

    private struct BoosteFields: Encodable {
        var length: Int
        var temperature: Double
        var windowMax: Int

        enum CodingKeys: String, CodingKey {
            case length, temperature
            case windowMax = "window_max"
        }
    }
}
