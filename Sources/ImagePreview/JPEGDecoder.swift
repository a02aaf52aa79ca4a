import CTurboJPEG
import Foundation

/// A decoded image: 8-bit RGBA pixels, row after row.
public struct DecodedImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let rgba: [UInt8]

    public init(width: Int, height: Int, rgba: [UInt8]) {
        self.width = width
        self.height = height
        self.rgba = rgba
    }
}

/// Why an image could not be decoded, in words a user can act on.
public struct ImageDecodeError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// JPEG files through libjpeg-turbo's TurboJPEG API. Damaged or truncated data is an error, never a crash nor a
/// half-grey picture: warnings stop decoding (TJFLAG_STOPONWARNING).
public enum JPEGDecoder {
    /// Larger sides than this are refused before any pixel memory is taken (a damaged header can claim 65535²).
    public static let maxSide = 8192

    /// The size a JPEG says it has (reads the header only): what `--image` checks before anything is sent.
    public static func size(of data: Data) throws(ImageDecodeError) -> (width: Int, height: Int) {
        try withDecompressor { handle throws(ImageDecodeError) in try header(data, handle: handle) }
    }

    public static func decode(_ data: Data) throws(ImageDecodeError) -> DecodedImage {
        try withDecompressor { handle throws(ImageDecodeError) in
            let (width, height) = try header(data, handle: handle)
            var pixels = [UInt8](repeating: 0, count: width * height * 4)
            let status = data.withUnsafeBytes { (source: UnsafeRawBufferPointer) -> Int32 in
                pixels.withUnsafeMutableBufferPointer { target in
                    tjDecompress2(handle, source.bindMemory(to: UInt8.self).baseAddress, UInt(source.count),
                                  target.baseAddress, Int32(width), Int32(width * 4), Int32(height),
                                  Int32(TJPF_RGBA.rawValue), TJFLAG_STOPONWARNING)
                }
            }
            guard status == 0 else { throw failure("damaged JPEG", handle: handle) }
            return DecodedImage(width: width, height: height, rgba: pixels)
        }
    }

    public static func decode(contentsOf path: String) throws(ImageDecodeError) -> DecodedImage {
        try decode(read(path))
    }

    /// The file's bytes, or an error naming it.
    public static func read(_ path: String) throws(ImageDecodeError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImageDecodeError("cannot read \(path): no such file or not readable")
        }
        return data
    }

    /// A JPEG file's bytes, checked to be a JPEG (its header read): what image-to-image sends.
    public static func readJPEG(_ path: String) throws(ImageDecodeError) -> Data {
        let data = try read(path)
        _ = try size(of: data)
        return data
    }

    private static func withDecompressor<T>(_ body: (tjhandle) throws(ImageDecodeError) -> T) throws(ImageDecodeError) -> T {
        guard let handle = tjInitDecompress() else { throw ImageDecodeError("libjpeg-turbo could not start a decoder") }
        defer { tjDestroy(handle) }
        return try body(handle)
    }

    private static func header(_ data: Data, handle: tjhandle) throws(ImageDecodeError) -> (width: Int, height: Int) {
        guard data.count >= 4, data[data.startIndex] == 0xFF, data[data.startIndex + 1] == 0xD8 else {
            throw ImageDecodeError("not a JPEG image (it does not start with the JPEG marker FF D8)")
        }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        let status = data.withUnsafeBytes { (source: UnsafeRawBufferPointer) -> Int32 in
            tjDecompressHeader3(handle, source.bindMemory(to: UInt8.self).baseAddress, UInt(source.count),
                                &width, &height, &subsampling, &colorspace)
        }
        guard status == 0 else { throw failure("damaged JPEG header", handle: handle) }
        guard width > 0, height > 0, width <= maxSide, height <= maxSide else {
            throw ImageDecodeError("JPEG of \(width)×\(height) pixels is refused (each side 1…\(maxSide))")
        }
        return (Int(width), Int(height))
    }

    private static func failure(_ what: String, handle: tjhandle) -> ImageDecodeError {
        let reason = tjGetErrorStr2(handle).map { String(cString: $0) } ?? "unknown error"
        return ImageDecodeError("\(what): \(reason)")
    }
}
