// The local server's credits balance: charged per input and output token, kept on disk across restarts.
// Amounts are held as integer nano-credits (what /v1/credits reports, like the cloud) so repeated charges never drift.

import Foundation

public final class CreditsLedger: @unchecked Sendable {
    public static let fileName = "local-credits.json"

    /// Where the balance lives: $XDG_STATE_HOME/synthpad, else ~/.local/state/synthpad.
    public static func defaultStateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            return URL(fileURLWithPath: state).appendingPathComponent("synthpad")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".local/state/synthpad")
    }

    public let fileURL: URL
    public let nanocreditsPerToken: Int64
    private let lock = NSLock()
    private var remaining: Int64

    /// Opens the ledger in `directory`, starting at `initialCredits` if no balance was saved there yet.
    /// A damaged file is not silently reset to the initial balance: it is an error.
    public init(directory: URL, creditsPerToken: Double, initialCredits: Double) throws {
        self.fileURL = directory.appendingPathComponent(Self.fileName)
        self.nanocreditsPerToken = Int64((creditsPerToken * 1e9).rounded())
        if let data = try? Data(contentsOf: fileURL) {
            guard let saved = try? JSONDecoder().decode(SavedBalance.self, from: data) else {
                throw CreditsLedgerError.damagedFile(fileURL.path)
            }
            remaining = saved.remainingNanocredits
        } else {
            remaining = Int64((initialCredits * 1e9).rounded())
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try save(remaining)
        }
    }

    /// Remaining credits × 1e9 (the unit /v1/credits reports).
    public var remainingNanocredits: Int64 { lock.withLock { remaining } }

    public var isExhausted: Bool { remainingNanocredits <= 0 }

    /// Charges `tokens` tokens and saves the new balance; it never goes below zero.
    /// Returns the balance after the charge.
    @discardableResult
    public func charge(tokens: Int) throws -> Int64 {
        guard tokens > 0, nanocreditsPerToken > 0 else { return remainingNanocredits }
        return try lock.withLock {
            let cost = Int64(tokens).multipliedReportingOverflow(by: nanocreditsPerToken)
            remaining = cost.overflow ? 0 : max(0, remaining - cost.partialValue)
            try save(remaining)
            return remaining
        }
    }

    /// Atomic replace: write a temporary file, fsync it, rename it over the old one, fsync the directory.
    private func save(_ value: Int64) throws {
        let data = try JSONEncoder().encode(SavedBalance(remainingNanocredits: value))
        let directory = fileURL.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(Self.fileName).\(getpid()).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw CreditsLedgerError.cannotWrite(temporary.path, errno) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == data.count, synced == 0 else {
            unlink(temporary.path)
            throw CreditsLedgerError.cannotWrite(temporary.path, errno)
        }
        guard rename(temporary.path, fileURL.path) == 0 else {
            unlink(temporary.path)
            throw CreditsLedgerError.cannotWrite(fileURL.path, errno)
        }
        let directoryDescriptor = open(directory.path, O_RDONLY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}

public enum CreditsLedgerError: Error, CustomStringConvertible {
    case damagedFile(String)
    case cannotWrite(String, Int32)

    public var description: String {
        switch self {
        case let .damagedFile(path): return "the credits file \(path) is damaged; delete it to start a new balance"
        case let .cannotWrite(path, code): return "cannot write the credits file \(path): \(String(cString: strerror(code)))"
        }
    }
}

private struct SavedBalance: Codable {
    var remainingNanocredits: Int64
    enum CodingKeys: String, CodingKey { case remainingNanocredits = "remaining_nanocredits" }
}
