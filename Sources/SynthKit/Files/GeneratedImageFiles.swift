import Foundation

/// Where text_to_image answers are written: `synthpad-YYYYMMDD-HHMMSS-N.jpg` in a directory (made if missing).
/// A name already taken is never overwritten: the number goes on counting, so two runs in one second keep both.
public enum GeneratedImageFiles {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes each image and returns the paths, in order.
    public static func save(_ images: [Data], in directory: String, at date: Date = Date()) throws(Failure) -> [String] {
        let folder = URL(fileURLWithPath: (directory as NSString).expandingTildeInPath, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create the directory \(folder.path): \(error.localizedDescription)")
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let stamp = formatter.string(from: date)
        var paths: [String] = []
        var number = 1
        for image in images {
            while true {
                let path = folder.appendingPathComponent("synthpad-\(stamp)-\(number).jpg").path
                number += 1
                if FileManager.default.fileExists(atPath: path) { continue }
                do {
                    try image.write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
                } catch {
                    throw Failure(description: "cannot write \(path): \(error.localizedDescription)")
                }
                paths.append(path)
                break
            }
        }
        return paths
    }

    /// What to tell a user whose backend is synthpad's local engine: it has no image model, and where images come from.
    public static let localEngineHasNoImageModel = """
        the local engine has no image model, so it cannot make images; use TextSynth's cloud (set TEXTSYNTH_API_KEY, \
        or --backend textsynth) or a server with an image engine (--url URL)
        """
}
