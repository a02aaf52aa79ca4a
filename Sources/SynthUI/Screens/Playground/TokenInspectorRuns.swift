// Answers made from another with the token inspector, each streamed into a new tab while the source stays:
// a branch (cut before the token at the cursor, the chosen alternative written instead, generation goes on with
// the same parameters) and token surgery (the same request and seed with one token banned or boosted, its first
// departure from the source marked with the compare screen's divergence code).
import SynthKit

extension PlaygroundState {
    /// Enter on an alternative.
    mutating func branchFromChoice(effects: inout [Effect]) {
        guard !phase.isInFlight else { return }
        guard let doc = currentOutput, let run = doc.lineage?.run, let token = tokenAtCursor,
              let alternative = chosenAlternative else {
            parameterNotice = Notice("no per-token data in this answer: F5 runs with it (Ctrl-T on)", isError: true)
            return
        }
        guard !alternative.text.isEmpty else {
            parameterNotice = Notice("⟨end⟩ ends the answer there: nothing to branch into", isError: true)
            return
        }
        let before = Array(doc.completion.utf8.prefix(token.start))
        let written = String(decoding: before, as: UTF8.self) + alternative.text
        var snapshot = run
        snapshot.id = nextRequestID
        snapshot.prompt = run.prompt + written
        snapshot.parameters.n = 1
        // The branch is as long as its source may be: the tokens before the cut and the alternative count.
        snapshot.parameters.maxTokens = max(1, run.parameters.maxTokens - inspector.cursor - 1)
        var branch = OutputDocument(promptTail: doc.echo, width: layout.outputTextWidth)
        branch.append(written)
        branch.tokens = doc.tokens.prefix(inspector.cursor)
        var picked = token.token
        picked.id = alternative.id
        picked.text = alternative.text
        picked.bytes = Array(alternative.text.utf8)
        picked.logprob = alternative.logprob
        branch.tokens.append([picked])
        branch.lineage = OutputLineage(run: run, origin: .branch(source: outputTab, token: inspector.cursor,
                                                                  alternative: alternative.text))
        start(snapshot, into: branch, effects: &effects)
        parameterNotice = Notice("branching at token \(inspector.cursor + 1) with \(OutputLineage.quoted(alternative.text))")
    }

    /// b (ban, bias -100) or + (boost): the token chosen in the popup, in the same request with the same seed.
    mutating func rerun(biasing bias: Double, effects: inout [Effect]) {
        guard !phase.isInFlight else { return }
        guard let doc = currentOutput, let run = doc.lineage?.run, let alternative = chosenAlternative else {
            parameterNotice = Notice("no per-token data in this answer: F5 runs with it (Ctrl-T on)", isError: true)
            return
        }
        if run.parameters.n > 1, outputTab - firstTab(of: doc) > 0 {
            parameterNotice = Notice("a re-run draws like answer 1 of its request: ban or boost in tab 1, or run with n = 1",
                                     isError: true)
            return
        }
        var snapshot = run
        snapshot.id = nextRequestID
        snapshot.parameters.n = 1
        snapshot.parameters.logitBias[alternative.id] = bias
        var rerun = OutputDocument(promptTail: doc.echo, width: layout.outputTextWidth)
        // A branch's run is its source's: the re-run starts from the prompt too, and is compared with the branch.
        rerun.lineage = OutputLineage(run: snapshot, origin: .biased(source: outputTab, token: alternative.text, bias: bias))
        rerun.lineage?.sharedWithSource = 0
        start(snapshot, into: rerun, effects: &effects)
        let verb = bias <= -100 ? "banned" : "boosted"
        parameterNotice = Notice("same seed (\(snapshot.parameters.seed)), \(OutputLineage.quoted(alternative.text)) \(verb)")
    }

    /// The tab of answer 1 of the request that wrote `doc`.
    private func firstTab(of doc: OutputDocument) -> Int {
        outputs.firstIndex { $0.lineage?.run == doc.lineage?.run } ?? outputTab
    }

    /// Starts `snapshot` streaming into `document`, appended as a new tab that becomes the current one.
    private mutating func start(_ snapshot: CompletionSnapshot, into document: OutputDocument, effects: inout [Effect]) {
        nextRequestID += 1
        outputs.append(document)
        streamBase = outputs.count - 1
        selectOutputTab(streamBase)
        inspector.choice = nil
        inspector.anchor = nil
        stats = nil
        lastRequestCancelled = false
        phase = .waiting(id: snapshot.id)
        retryNote = nil
        effects.append(.startCompletion(.playground(snapshot.id), snapshot))
    }

    /// A re-run's answer grew: how much it still shares with its source (in graphemes).
    mutating func markDeparture(of tab: Int) {
        guard case .biased(let source, _, _)? = outputs[tab].lineage?.origin, outputs.indices.contains(source),
              outputs[tab].lineage?.departureOffset == nil else { return }
        let text = outputs[tab].completion
        let shared = FirstDivergence.commonPrefixLength([outputs[source].completion, text])
        outputs[tab].lineage?.sharedWithSource = shared
        let offset = FirstDivergence.utf8Offset(ofGrapheme: shared, in: text)
        // Past the shared part there is more text: a different character, or text where the source ended.
        if offset < text.utf8.count { outputs[tab].lineage?.departureOffset = offset }
    }

    /// The seed a run with the inspector on uses when the parameters leave it random: fixed, so that a ban or a
    /// boost can draw again the same way. From the clock and the request number (the UI has no random source).
    func freshSeed(for request: Int) -> Int {
        var mixed = UInt64(bitPattern: Int64(clock * 1000)) &+ UInt64(request) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= mixed >> 31
        mixed = mixed &* 0xBF58_476D_1CE4_E5B9
        mixed ^= mixed >> 29
        return 1 + Int(mixed % 2_147_483_646)  // 1…2³¹−1: every server takes it
    }
}
