// The scratchpad's update: one event in, effects out. Pure.
import SynthKit

/// Applies one event to the scratchpad and returns what the runtime should do.
public func updateTranslatePad(state: inout TranslatePadState, event: TranslateEvent) -> [TranslateEffect] {
    var effects: [TranslateEffect] = []
    switch event {
    case .key(let key): state.handle(key: key, effects: &effects)
    case .paste(let text):
        if state.picker != nil {
            for c in text where c != "\n" { state.picker?.type(c) }
        } else {
            state.source.insert(text)
        }
    case .resize(let rect): state.viewRect = rect
    case .setSourceText(let text): state.source.replaceAll(with: text)
    case .setLanguage(let side, let code): state.setLanguage(side, code: code)
    case .setNumBeams(let beams): state.numBeams = Int(ParameterSweep.clamp(Double(beams), to: .numBeams))
    case .setSplitSentences(let on): state.splitSentences = on
    case .setBackend(let name, let engine, let support, let price):
        state.backend = name
        state.engine = engine
        state.support = support
        state.price = price
    case .setLLM(let llm): state.llm = llm
    case .setCompletionVariant(let variant): state.completionVariant = variant
    case .setRoundTrip(let on): state.roundTripEnabled = on
    case .translate: state.translate(effects: &effects)
    case .swapDirection: state.swapDirection(effects: &effects)
    case .copyAll: effects.append(.copyToClipboard(state.allTranslations))
    case .cancel: state.cancel(effects: &effects)
    case .translated(let id, let answer): state.receive(answer, requestID: id, effects: &effects)
    case .completionChunk(let id, let text):
        guard case .llm(let line) = state.pending[id] else { break }
        state.llm?.outputs[line, default: ""] += text
    case .completionFinished(let id, let stats):
        guard case .llm(let line) = state.pending[id] else { break }
        state.pending[id] = nil
        let price = state.llm?.variant.price
        state.usage.append(RequestUsage(requestID: id, label: "LLM line \(line + 1)", inputTokens: stats.inputTokens,
                                        outputTokens: stats.outputTokens,
                                        credits: price?.cost(inputTokens: stats.inputTokens, outputTokens: stats.outputTokens)))
        if !state.isTranslating { effects.append(.refreshCredits) }
    case .requestFailed(let id, let message, let status):
        guard let purpose = state.pending.removeValue(forKey: id) else { break }
        let text = status.map { "\(ColumnPhase.describe(status: $0)): \(message)" } ?? message
        if case .llm(let line) = purpose {
            state.llm?.errors[line] = text  // one line's failure stays on that line
        } else {
            state.notice = Notice(text, isError: true)
        }
        if !state.isTranslating { effects.append(.refreshCredits) }
    case .creditsMeasured(let id, let change):
        if let i = state.usage.lastIndex(where: { $0.requestID == id }) { state.usage[i].credits = abs(change) }
    }
    return effects
}

extension TranslatePadState {
    mutating func setLanguage(_ side: LanguagePicker.Side, code: String) {
        switch side {
        case .source: sourceLang = code
        case .target where code != Languages.autoDetect.code: targetLang = code
        case .target: break
        }
        if !directionSupported {
            notice = Notice("\(Languages.name(of: sourceLang)) → \(Languages.name(of: targetLang)) is not available on \(backend)",
                            isError: true)
        } else {
            notice = nil
        }
    }

    mutating func translate(effects: inout [TranslateEffect]) {
        cancel(effects: &effects)
        let lines = sourceLines
        let newPlan = TranslationBatches.plan(lines: lines, sourceLang: sourceLang, targetLang: targetLang,
                                              numBeams: numBeams, splitSentences: splitSentences)
        guard !newPlan.requests.isEmpty else {
            notice = Notice("nothing to translate")
            return
        }
        if !directionSupported {
            notice = Notice("\(Languages.name(of: sourceLang)) → \(Languages.name(of: targetLang)) is not available on \(backend)",
                            isError: true)
            return
        }
        for request in newPlan.requests {
            do { try request.validate() } catch {
                notice = Notice(error.description, isError: true)
                return
            }
        }
        notice = nil
        plan = newPlan
        translatedLines = lines
        translatedDirection = currentDirection
        answers = [:]
        roundTripPlan = nil
        roundTripAnswers = [:]
        usage = []
        if var llm { llm.outputs = [:]; llm.errors = [:]; self.llm = llm }
        for (batch, request) in newPlan.requests.enumerated() {
            let id = takeRequestID()
            pending[id] = .forward(batch: batch)
            effects.append(.translate(requestID: id, backend: backend, engine: engine, request: request))
        }
        startLLM(lines: lines, effects: &effects)
    }

    mutating func takeRequestID() -> Int {
        defer { nextRequestID += 1 }
        return nextRequestID
    }

    /// One few-shot completion per non-blank line, on the completion engine, stopping at the end of the line. The
    /// examples are the current direction's; a direction without any says so on every line instead.
    mutating func startLLM(lines: [String], effects: inout [TranslateEffect]) {
        guard var llm else { return }
        guard let examples = FewShotPrompt.examples(from: sourceLang, to: targetLang) else {
            let known = FewShotPrompt.parallelSentences.keys.sorted().joined(separator: ", ")
            for (i, line) in lines.enumerated() where !TranslationBatches.isBlank(line) {
                llm.errors[i] = "no few-shot examples for this direction (have: \(known))"
            }
            self.llm = llm
            return
        }
        llm.examples = examples
        self.llm = llm
        let detected = sourceLang == Languages.autoDetect.code ? "English" : Languages.name(of: sourceLang)
        for (i, line) in lines.enumerated() where !TranslationBatches.isBlank(line) {
            let prompt = FewShotPrompt.build(sentence: line, sourceName: detected, targetName: Languages.name(of: targetLang),
                                             examples: examples, k: llm.k)
            var variant = llm.variant
            variant.parameters.stop = [FewShotPrompt.stop]
            variant.parameters.n = 1
            do { try variant.validate(prompt: prompt) } catch {
                self.llm?.errors[i] = error.description
                continue
            }
            let id = takeRequestID()
            pending[id] = .llm(line: i)
            effects.append(.startCompletion(variant.snapshot(id: id, prompt: prompt)))
        }
    }

    /// F10: the few-shot column on (with the completion engine and parameters the app gave) or off.
    mutating func toggleLLM() {
        if llm != nil {
            llm = nil
            notice = Notice("LLM column off")
        } else if let variant = completionVariant {
            llm = LLMTranslation(variant: variant)
            notice = Notice("LLM column: \(variant.engine.id) translates each line from 5 examples · F5 runs")
        } else {
            notice = Notice("no completion engine to translate with", isError: true)
        }
    }

    mutating func receive(_ answer: TranslateAnswer, requestID: Int, effects: inout [TranslateEffect]) {
        guard let purpose = pending.removeValue(forKey: requestID) else { return }
        let credits = price?.cost(inputTokens: answer.inputTokens, outputTokens: answer.outputTokens)
        switch purpose {
        case .forward(let batch):
            answers[batch] = answer
            usage.append(RequestUsage(requestID: requestID, label: "batch \(batch + 1)/\(plan?.requests.count ?? 1)",
                                      inputTokens: answer.inputTokens, outputTokens: answer.outputTokens, credits: credits))
            let forwardDone = plan.map { answers.count == $0.requests.count } ?? false
            if forwardDone, roundTripEnabled { startRoundTrip(effects: &effects) }
        case .roundTrip(let batch):
            roundTripAnswers[batch] = answer
            usage.append(RequestUsage(requestID: requestID, label: "return \(batch + 1)/\(roundTripPlan?.requests.count ?? 1)",
                                      inputTokens: answer.inputTokens, outputTokens: answer.outputTokens, credits: credits))
        case .llm:
            break
        }
        if !isTranslating { effects.append(.refreshCredits) }
    }

    /// Translates the translations back into the source language (the detected one when the source was "auto").
    mutating func startRoundTrip(effects: inout [TranslateEffect]) {
        let forward = translations
        var back = sourceLang
        if back == Languages.autoDetect.code {
            // The language most lines were detected as.
            let counts = Dictionary(grouping: forward.compactMap { $0?.detectedSourceLang }, by: { $0 }).mapValues(\.count)
            back = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? "en"
        }
        let lines = forward.map { $0?.text ?? "" }
        let returnPlan = TranslationBatches.plan(lines: lines, sourceLang: targetLang, targetLang: back,
                                                 numBeams: numBeams, splitSentences: splitSentences)
        roundTripPlan = returnPlan
        roundTripAnswers = [:]
        for (batch, request) in returnPlan.requests.enumerated() {
            let id = takeRequestID()
            pending[id] = .roundTrip(batch: batch)
            effects.append(.translate(requestID: id, backend: backend, engine: engine, request: request))
        }
    }

    mutating func cancel(effects: inout [TranslateEffect]) {
        for id in pending.keys.sorted() { effects.append(.cancelRequest(id: id)) }
        pending = [:]
    }

    /// Target becomes source and the output becomes the input.
    mutating func swapDirection(effects: inout [TranslateEffect]) {
        let output = translations
        var newTarget = sourceLang
        if newTarget == Languages.autoDetect.code {
            newTarget = output.compactMap { $0?.detectedSourceLang }.first ?? "en"
        }
        cancel(effects: &effects)
        let newSource = targetLang
        if plan != nil {
            source.replaceAll(with: output.map { $0?.text ?? "" }.joined(separator: "\n"))
        }
        sourceLang = newSource
        targetLang = newTarget
        plan = nil
        translatedLines = []
        translatedDirection = nil
        answers = [:]
        roundTripPlan = nil
        roundTripAnswers = [:]
        if var llm { llm.outputs = [:]; llm.errors = [:]; self.llm = llm }
        scroll = 0
        setLanguage(.source, code: sourceLang)
    }
}
