// The scheduler's promises under pressure (issue #10): admission never lets more sequences in than the limits allow,
// however many requests arrive at once, and a job that ends early — server shut down, forward pass failed —
// still pays for the tokens it generated.

import Foundation
import Synchronization
import XCTest
@testable import EngineServer
@testable import struct EngineServer.APIError  // not SynthKit's
import LocalEngine
import SynthKit

final class SchedulerAccountingTests: XCTestCase {
    /// One completion of a short prompt that never stops by itself (end-of-text tokens banned).
    private static func endlessCompletion(_ model: LocalModel, maxNewTokens: Int) -> CompletionJobSpec {
        var options = LocalGenerator.samplingOptions(.defaults)
        options.logitBias = [0: -100, 1: -100, 2: -100]
        return CompletionJobSpec(
            promptTokens: model.promptTokens("Once upon a time"), truncatedPrompt: false, completions: 1,
            options: options, maxNewTokens: maxNewTokens, stopStrings: [])
    }

    /// A started one-slot scheduler, reporting to `usage`, running an endless completion: (it, prompt tokens, events).
    private static func startEndlessJob(_ model: LocalModel, usage: UsageLog) throws
        -> (InferenceScheduler, promptTokens: Int, AsyncStream<InferenceEvent>)
    {
        let scheduler = InferenceScheduler(localModel: model, maxActiveSequences: 1, maxQueuedSequences: 0,
                                           prefillChunkTokens: 64, onUsage: usage.record)
        scheduler.start()
        let spec = endlessCompletion(model, maxNewTokens: 1000)
        let (_, events) = try scheduler.submit(.completion(spec))
        return (scheduler, spec.promptTokens.count, events)
    }

    /// Every (input, output) pair the scheduler reported.
    private final class UsageLog: @unchecked Sendable {  // `entries` is only touched under `lock`
        private let lock = NSLock()
        private var entries: [[Int]] = []
        func record(_ input: Int, _ output: Int) { lock.withLock { entries.append([input, output]) } }
        var reported: [[Int]] { lock.withLock { entries } }
    }

    /// What concurrent submits got: the admitted jobs are kept (a dropped stream would cancel its job).
    private final class SubmitOutcomes: @unchecked Sendable {  // both lists are only touched under `lock`
        private let lock = NSLock()
        private var jobs: [(InferenceJob, AsyncStream<InferenceEvent>)] = []
        private var refused: [String] = []
        func admit(_ job: (InferenceJob, AsyncStream<InferenceEvent>)) { lock.withLock { jobs.append(job) } }
        func refuse(_ error: any Error) {
            let kind = (error as? APIError).map { $0.status == 429 ? "busy" : $0.message } ?? "\(error)"
            lock.withLock { refused.append(kind) }
        }
        var admitted: Int { lock.withLock { jobs.count } }
        var refusals: [String] { lock.withLock { refused } }
    }

    /// Threads held at a start line, released together: their submits overlap as closely as threads can.
    private final class StartLine: Sendable {
        private let released = Atomic<Bool>(false)
        func wait() { while !released.load(ordering: .acquiring) {} }
        func release() { released.store(true, ordering: .releasing) }
    }

    func testConcurrentSubmitsNeverTakeMorePlacesThanThereAre() throws {
        let model = try SharedModel.model()
        let kind = InferenceJob.Kind.completion(Self.endlessCompletion(model, maxNewTokens: 4))
        // Not started: nothing leaves the queue, so exactly one place (a free slot, no waiting places) can be taken.
        // Two threads ask for it at the same moment, many times over; a check and an append that are not one step
        // let both in, sooner or later.
        for round in 0..<1000 {
            let scheduler = InferenceScheduler(localModel: model, maxActiveSequences: 1, maxQueuedSequences: 0,
                                               prefillChunkTokens: 64)
            let outcomes = SubmitOutcomes(), startLine = StartLine(), done = DispatchGroup()
            for _ in 0..<2 {
                done.enter()
                Thread {
                    startLine.wait()
                    do {
                        outcomes.admit(try scheduler.submit(kind))
                    } catch {
                        outcomes.refuse(error)
                    }
                    done.leave()
                }.start()
            }
            startLine.release()
            done.wait()
            scheduler.stop()
            XCTAssertEqual(outcomes.admitted, 1, "round \(round): one place was free")
            XCTAssertEqual(outcomes.refusals, ["busy"], "round \(round)")
            if outcomes.admitted != 1 { break }
        }
    }

    func testAJobEndedByShutdownPaysForWhatItGenerated() async throws {
        let model = try SharedModel.model()
        let usage = UsageLog()
        let (scheduler, promptTokens, events) = try Self.startEndlessJob(model, usage: usage)
        var progressEvents = 0
        var failure: String?
        for await event in events {
            switch event {
            case .progress:
                progressEvents += 1
                // Each progress event carries at least one new token.
                if progressEvents == 5 { scheduler.stop() }
            case let .failed(message): failure = message
            case .completed, .logprob, .tokens: XCTFail("the job was meant to be stopped, not to end: \(event)")
            }
        }
        XCTAssertEqual(failure, "the server is shutting down")
        let reported = usage.reported
        XCTAssertEqual(reported.count, 1, "the job's usage is reported once: \(reported)")
        XCTAssertEqual(reported.first?[0], promptTokens)
        XCTAssertGreaterThanOrEqual(reported.first?[1] ?? 0, progressEvents)
    }

    func testAJobWhoseForwardPassFailsPaysForWhatItGenerated() async throws {
        // A 48-token window and a job that asks for more than fits: the forward pass refuses the 49th position.
        let model = try SharedModel.smallContextModel()
        let usage = UsageLog()
        let (scheduler, promptTokens, events) = try Self.startEndlessJob(model, usage: usage)
        defer { scheduler.stop() }
        var failure: String?
        for await event in events {
            if case let .failed(message) = event { failure = message }
        }
        XCTAssertTrue(failure?.hasPrefix("inference failed") ?? false, failure ?? "no failure")
        // The window held the prompt and all generated tokens but the last, sampled from the window's last logits.
        let generated = model.contextLength - promptTokens + 1
        XCTAssertEqual(usage.reported, [[promptTokens, generated]])
    }
}
