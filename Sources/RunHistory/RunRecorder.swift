import Foundation
import SynthKit

/// Builds a `LoggedRun` from an answer as it arrives: the texts of every completion, the token counts and finish
/// reason of the last piece, the time to the first text and to the end. Fed from one task at a time; locked so it
/// may be handed between them.
public final class RunRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var run: LoggedRun
    private let started = ContinuousClock.now
    private var firstText: ContinuousClock.Instant?

    public init(_ run: LoggedRun) { self.run = run }

    /// One streamed piece, or a whole answer (a single piece).
    public func received(_ answer: CompletionAnswer) {
        lock.withLock {
            if firstText == nil, answer.text.contains(where: { !$0.isEmpty }) { firstText = .now }
            if run.answers.count < answer.text.count {
                run.answers += Array(repeating: "", count: answer.text.count - run.answers.count)
            }
            for (index, piece) in answer.text.enumerated() { run.answers[index] += piece }
            run.finishReason = answer.finishReason ?? run.finishReason
            run.inputTokens = answer.inputTokens ?? run.inputTokens
            run.outputTokens = answer.outputTokens ?? run.outputTokens
        }
    }

    /// A stream's end, which carries the whole text of every completion (not one more piece).
    public func ended(with answer: CompletionAnswer) {
        lock.withLock {
            if firstText == nil, answer.text.contains(where: { !$0.isEmpty }) { firstText = .now }
            run.answers = answer.text
            run.finishReason = answer.finishReason ?? run.finishReason
            run.inputTokens = answer.inputTokens ?? run.inputTokens
            run.outputTokens = answer.outputTokens ?? run.outputTokens
        }
    }

    /// Answers that come whole and are not completions (translations, Booste's words).
    public func received(texts: [String]) {
        lock.withLock {
            if firstText == nil, !texts.isEmpty { firstText = .now }
            run.answers += texts
        }
    }

    /// The run as it ended, `error` (if any) with it.
    public func finished(error: String? = nil) -> LoggedRun {
        lock.withLock {
            let end = ContinuousClock.now
            var run = self.run
            run.error = error
            run.timeToFirstToken = firstText.map { Self.seconds(started.duration(to: $0)) }
            run.totalTime = Self.seconds(started.duration(to: end))
            return run
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
