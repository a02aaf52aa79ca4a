// Running and cancelling; the streamed answer arriving; the engine.
import SynthKit

extension PlaygroundState {
    mutating func run(effects: inout [Effect]) {
        if phase.isInFlight { return }
        // Refused here, before anything is sent or the last answers are cleared: an empty prompt or a bad value.
        if editor.text.isEmpty {
            phase = .failed(message: "The prompt is empty: type what the model should continue, then F5", status: nil)
            return
        }
        if engine.family == .textSynth {
            do { try CompletionRequest(prompt: editor.text, parameters: parameters.sampling).validate() } catch {
                phase = .failed(message: "Invalid request: \(error)", status: nil)
                return
            }
        }
        let id = nextRequestID
        nextRequestID += 1
        let prompt = editor.text
        var snapshot = CompletionSnapshot(id: id, backend: engine.backend ?? backendName, engine: engine.id, family: engine.family,
                                          prompt: prompt, parameters: parameters.sampling)
        if inspector.isOn, engineGivesTokens {
            snapshot.parameters.topLogprobs = TokenInspector.alternatives
            // A ban or boost re-runs with the same seed: a random one is fixed now, so that it can be repeated.
            if snapshot.parameters.seed == 0 { snapshot.parameters.seed = freshSeed(for: id) }
        }
        let count: Int
        if engine.family == .booste {
            var booste = parameters.booste
            booste.modelSize = BoosteParameters.ModelSize(rawValue: engine.id) ?? .gpt2
            snapshot.booste = booste
            count = 1
        } else {
            count = max(1, parameters.sampling.n)
        }
        let tail = OutputDocument.promptTail(of: prompt)
        outputs = (0..<count).map { _ in
            var doc = OutputDocument(promptTail: tail, width: layout.outputTextWidth)
            doc.lineage = OutputLineage(run: snapshot)
            return doc
        }
        streamBase = 0
        inspector.cursor = 0
        inspector.anchor = nil
        inspector.choice = nil
        inspector.spanScore = nil
        outputTab = 0
        outputScroll = 0
        outputFollows = true
        stats = nil
        lastRequestCancelled = false
        phase = .waiting(id: id)
        retryNote = nil
        effects.append(.startCompletion(.playground(id), snapshot))
    }

    /// Ctrl-K: the request F5 would send, as a curl command on the clipboard (the runtime knows the server and
    /// writes the key as its variable). Refused as F5 would refuse it.
    mutating func copyRequestAsCurl(effects: inout [Effect]) {
        guard engine.family == .textSynth else {
            parameterNotice = Notice("Booste runs in two steps (start, then poll): no single curl command", isError: true)
            return
        }
        let request = CompletionRequest(prompt: editor.text, parameters: parameters.sampling, stream: true)
        do {
            guard !editor.text.isEmpty else { throw ValidationError(field: "prompt", value: "\"\"",
                                                                    allowed: "some text", problem: "is empty") }
            try request.validate()
        } catch {
            parameterNotice = Notice("Not copied: \(error)", isError: true)
            return
        }
        effects.append(.copyRequestAsCurl(CompletionSnapshot(
            id: 0, backend: engine.backend ?? backendName, engine: engine.id, family: engine.family,
            prompt: editor.text, parameters: parameters.sampling)))
        parameterNotice = Notice("copied the request as a curl command (the key as its variable)")
    }

    mutating func cancelRequest(effects: inout [Effect]) {
        guard let id = phase.requestID else { return }
        phase = .idle
        lastRequestCancelled = true
        effects.append(.cancelRequest(.playground(id)))
        effects.append(.refreshCredits)
        scheduleSave(effects: &effects)
    }

    mutating func handle(chunk: String, index: Int, requestID: Int) {
        guard phase.requestID == requestID else { return }  // a cancelled or replaced request
        if case .waiting = phase { phase = .streaming(id: requestID) }
        retryNote = nil
        let tab = streamBase + index
        while outputs.count <= tab {
            var doc = OutputDocument(promptTail: outputs.first?.echo ?? "", width: layout.outputTextWidth)
            doc.lineage = outputs.last?.lineage
            outputs.append(doc)
        }
        outputs[tab].append(chunk)
        markDeparture(of: tab)
        if tab == outputTab, outputFollows { followOutputEnd() }
    }

    mutating func switchEngine(by delta: Int, effects: inout [Effect]) {
        guard engines.count > 1 else {
            parameterNotice = Notice("\(backendName) offers one engine: \(engine.id)")
            return
        }
        engineIndex = (engineIndex + delta + engines.count) % engines.count
        markRefusedParameters()
        parameterCursor = 0
        parameterInput = nil
        promptTokens = nil
        promptChanged(effects: &effects)
    }

    mutating func appendOutputToPrompt(effects: inout [Effect]) {
        guard let doc = currentOutput, !doc.completion.isEmpty else { return }
        editor.move(to: editor.text.utf8.count, extending: false)
        editor.insert(doc.completion)
        revealPromptCursor()
        promptChanged(effects: &effects)
    }

}
