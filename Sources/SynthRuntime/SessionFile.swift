// Saving and loading a session file, atomically. The JSON itself is SynthUI's (SessionJSONWriter, Session's
// Codable): this file only moves it to and from the disk.
import Foundation
import TerminalBackend
import SynthUI

public enum SessionFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// The session as JSON (stable key order, so files diff well): what `save` writes, byte for byte.
    public static func encode(_ session: Session) throws -> Data {
        var data = Data()
        try SessionJSONWriter.write(session) { data.append(contentsOf: $0) }
        return data
    }

    public static func decode(_ data: Data) throws -> Session {
        try Session.decode(data)
    }

    /// Writes atomically: a temporary file in the same directory, fsync, then rename over the old file.
    /// A crash leaves either the old session or the new one, never half of one. The JSON is written in pieces
    /// as it is produced (SessionJSONWriter), so a long output is never held twice more in memory.
    public static func save(_ session: Session, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = directory + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw Failure(path: temporary, message: String(cString: strerror(errno))) }
        var failure: Failure?
        do {
            try SessionJSONWriter.write(session) { raw in try writeAll(raw, to: fd) }
            if fsync(fd) != 0 { throw WriteError(code: errno) }
        } catch let error as WriteError {
            failure = Failure(path: path, message: "cannot write: \(String(cString: strerror(error.code)))")
        } catch {
            failure = Failure(path: path, message: "cannot encode: \(error)")
        }
        close(fd)
        if let failure {
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(path: path, message: "cannot replace: \(message)")
        }
        // Make the rename itself durable.
        let dirfd = open(directory, O_RDONLY)
        if dirfd >= 0 { fsync(dirfd); close(dirfd) }
    }

    /// Deletes `.NAME.PID.tmp` files beside `path` whose process is gone (killed between writing and renaming).
    static func removeAbandonedTemporaries(of path: String) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            guard let pid = pid_t(name.dropFirst(prefix.count).dropLast(4)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + name) }
        }
    }

    /// A failed write(2) or fsync(2), by errno.
    private struct WriteError: Error {
        var code: Int32
    }

    private static func writeAll(_ raw: UnsafeRawBufferPointer, to fd: Int32) throws {
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError(code: errno)
            }
            offset += n
        }
    }

    /// Reads a session; nil when there is no file yet. Temporary files that a killed synthpad left behind are
    /// removed on the way (the session itself is whole either way).
    public static func load(from path: String) throws(Failure) -> Session? {
        removeAbandonedTemporaries(of: path)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try decode(data)
        } catch {
            throw Failure(path: path, message: "cannot read session: \(error)")
        }
    }
}
