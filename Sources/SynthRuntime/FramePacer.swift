/// Coalesces redraws: however fast state changes (streamed chunks), at most one frame per `interval`.
/// The first change after a quiet spell draws at once; later ones wait for the interval to pass.
public struct FramePacer: Sendable {
    public let interval: Duration
    private var lastFrame: ContinuousClock.Instant?
    public private(set) var isDirty = false

    public init(interval: Duration = .milliseconds(16)) {
        self.interval = interval
    }

    public mutating func markDirty() { isDirty = true }

    /// When the pending frame may be drawn; nil when nothing needs drawing.
    public var deadline: ContinuousClock.Instant? {
        guard isDirty else { return nil }
        guard let lastFrame else { return .now }
        return lastFrame + interval
    }

    /// True when a frame is due now; the caller then draws and calls `didDraw`.
    public func isFrameDue(at now: ContinuousClock.Instant) -> Bool {
        guard isDirty else { return false }
        guard let lastFrame else { return true }
        return now >= lastFrame + interval
    }

    public mutating func didDraw(at now: ContinuousClock.Instant) {
        isDirty = false
        lastFrame = now
    }
}
