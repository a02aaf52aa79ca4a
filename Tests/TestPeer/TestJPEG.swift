import CTurboJPEG
import Foundation

/// Real JPEGs for tests, made with libjpeg-turbo's compressor: a picture whose colours change across it (so a
/// preview has something to show and a decoder something to get wrong).
public enum TestJPEG {
    /// A `width` × `height` gradient: red grows to the right, green downwards, blue in the top-left quarter.
    public static func gradient(width: Int = 64, height: Int = 48, quality: Int32 = 90) -> Data {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 3
                rgb[i] = UInt8(x * 255 / max(1, width - 1))
                rgb[i + 1] = UInt8(y * 255 / max(1, height - 1))
                rgb[i + 2] = x < width / 2 && y < height / 2 ? 220 : 30
            }
        }
        return encode(rgb: rgb, width: width, height: height, quality: quality)
    }

    public static func encode(rgb: [UInt8], width: Int, height: Int, quality: Int32 = 90) -> Data {
        guard let handle = tjInitCompress() else { fatalError("libjpeg-turbo could not start a compressor") }
        defer { tjDestroy(handle) }
        var buffer: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = rgb.withUnsafeBufferPointer { pixels in
            tjCompress2(handle, pixels.baseAddress, Int32(width), Int32(width * 3), Int32(height),
                        Int32(TJPF_RGB.rawValue), &buffer, &size, Int32(TJSAMP_420.rawValue), quality, 0)
        }
        guard status == 0, let buffer else { fatalError("tjCompress2 failed: \(String(cString: tjGetErrorStr2(handle)))") }
        defer { tjFree(buffer) }
        return Data(bytes: buffer, count: Int(size))
    }
}
