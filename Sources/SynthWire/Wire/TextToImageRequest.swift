import Foundation

/// `POST /v1/engines/{engine}/text_to_image` (stable_diffusion).
public struct TextToImageRequest: Sendable, Equatable, Codable, Validatable {
    public var prompt: String
    public var imageCount: Int
    public var width: Int
    public var height: Int
    public var timesteps: Int
    public var guidanceScale: Double
    public var seed: Int
    public var negativePrompt: String?
    /// JPEG bytes for image-to-image (sent base64).
    public var image: Data?
    public var strength: Double?

    public static let allowedSides = [384, 512, 640, 768]
    /// width × height may not exceed this (512×768).
    public static let maxPixels = 393_216

    public init(prompt: String, imageCount: Int = 1, width: Int = 512, height: Int = 512, timesteps: Int = 50,
                guidanceScale: Double = 7.5, seed: Int = 0, negativePrompt: String? = nil, image: Data? = nil,
                strength: Double? = nil) {
        self.prompt = prompt
        self.imageCount = imageCount
        self.width = width
        self.height = height
        self.timesteps = timesteps
        self.guidanceScale = guidanceScale
        self.seed = seed
        self.negativePrompt = negativePrompt
        self.image = image
        self.strength = strength
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        prompt = try c.required("prompt")
        imageCount = try c.value("image_count", default: 1)
        width = try c.value("width", default: 512)
        height = try c.value("height", default: 512)
        timesteps = try c.value("timesteps", default: 50)
        guidanceScale = try c.value("guidance_scale", default: 7.5)
        seed = try c.value("seed", default: 0)
        negativePrompt = try c.decodeIfPresent(String.self, forKey: "negative_prompt")
        if let base64 = try c.decodeIfPresent(String.self, forKey: "image") {
            guard let bytes = Data(base64Encoded: base64) else {
                throw DecodingError.dataCorruptedError(forKey: "image", in: c, debugDescription: "image is not base64")
            }
            image = bytes
        }
        strength = try c.decodeIfPresent(Double.self, forKey: "strength")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: WireKey.self)
        try c.put("prompt", prompt)
        try c.put("image_count", imageCount)
        try c.put("width", width)
        try c.put("height", height)
        try c.put("timesteps", timesteps)
        try c.put("guidance_scale", guidanceScale)
        try c.put("seed", seed)
        try c.putIfPresent("negative_prompt", negativePrompt)
        try c.putIfPresent("image", image?.base64EncodedString())
        try c.putIfPresent("strength", strength)
    }

    public func validate() throws(ValidationError) {
        try ParameterSpec.imageCount.check(imageCount)
        let sides = Self.allowedSides.map(String.init).joined(separator: ", ")
        for (name, side) in [("width", width), ("height", height)] where !Self.allowedSides.contains(side) {
            throw ValidationError(field: name, value: "\(side)", allowed: sides, problem: "is not a supported size")
        }
        if width * height > Self.maxPixels {
            throw ValidationError(field: "width×height", value: "\(width)×\(height)",
                                  allowed: "at most \(Self.maxPixels) pixels, e.g. 512×768",
                                  problem: "is too large")
        }
        try ParameterSpec.timesteps.check(timesteps)
        try ParameterSpec.guidanceScale.check(guidanceScale)
        try ParameterSpec.imageSeed.check(seed)
        if let strength { try ParameterSpec.strength.check(strength) }
    }
}
