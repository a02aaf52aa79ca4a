// Where Alt-E / Alt-J exports go: `$XDG_DATA_HOME/synthpad/exports/NAME-YYYYMMDD-HHMMSS.EXT`, never over an
// existing file.
import Foundation
import SynthKit
import SynthUI

enum Exports {
    static func directory(environment: [String: String]) -> URL {
        let data = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/share")
        return data.appendingPathComponent("synthpad/exports", isDirectory: true)
    }

    /// Writes the export; the event says where, or why not.
    static func save(name: String, fileExtension: String, contents: Data, environment: [String: String],
                     now: Date = Date()) -> Event {
        let folder = directory(environment: environment)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let stamp = formatter.string(from: now)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var url = folder.appendingPathComponent("\(name)-\(stamp).\(fileExtension)")
            var serial = 2
            while FileManager.default.fileExists(atPath: url.path) {
                url = folder.appendingPathComponent("\(name)-\(stamp)-\(serial).\(fileExtension)")
                serial += 1
            }
            try contents.write(to: url, options: .withoutOverwriting)
            return .exported(path: url.path)
        } catch {
            return .exportFailed("export not saved in \(folder.path): \(error.localizedDescription)")
        }
    }
}
