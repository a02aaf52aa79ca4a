// Ctrl-G: the continuation scorer, over the output pane. The user lists candidate continuations of the prompt, one
// per line; F5 scores each through `/logprob` (which TextSynth's cloud has too), and the list ranks them by total
// log-probability with the average per token, whether greedy decoding would write it, and what it cost. Enter on
// one puts it in a new answer tab as if the model had written it.
import SynthKit

public struct ContinuationScorer: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var candidate: String
        public var requestID: Int
        public var answer: LogprobAnswer?
        public var failure: String?
        public var cost: Double?

        /// Log-probability per token, when the server said how many there were.
        public var average: Double? {
            guard let answer, let count = answer.numTokens, count > 0 else { return nil }
            return answer.logprob / Double(count)
        }
    }

    public var editor = PromptEditor(text: "")
    /// Keys go to the candidates' editor, or (false) walk the ranked results.
    public var editing = true
    /// The last scoring's rows, in the order sent.
    public var rows: [Row] = []
    /// The highlighted line of `ranked`.
    public var selected = 0
    /// What the rows continue, and where they are scored (fixed when F5 was pressed).
    public var context = ""
    public var backend = ""
    public var engine = ""

    public init() {}

    /// Scored rows best first, then those still waiting or failed, in the order sent.
    public var ranked: [Row] {
        let scored = rows.filter { $0.answer != nil }.sorted { $0.answer!.logprob > $1.answer!.logprob }
        return scored + rows.filter { $0.answer == nil }
    }

    public var isScoring: Bool { rows.contains { $0.answer == nil && $0.failure == nil } }
}

public enum ScorerAction: Sendable, Equatable {
    case score, switchPane, move, use, close, edit(EditAction)
}

extension PlaygroundState {
    private static func press(_ key: Key) -> KeyMatch { .exactly(KeyPress(key)) }

    public static let scorerKeys = KeyTable<ScorerAction, PlaygroundState>("Continuation scorer (Ctrl-G)", [
        KeyBinding([press(.function(5)), .exactly(.ctrl("r"))], keys: "F5, Ctrl-R", help: "score every line",
                   hint: "F5 score", .score),
        KeyBinding([.anyModifiers(.tab)], keys: "Tab", help: "candidates ⇄ ranking", hint: "Tab ranking", .switchPane),
        KeyBinding([press(.up), press(.down)], keys: "↑/↓", help: "choose a line", .move,
                   when: { $0.scorer?.editing == false }),
        KeyBinding([press(.enter)], keys: "Enter", help: "use as the answer", hint: "Enter use", .use,
                   when: { $0.scorer?.editing == false }),
        KeyBinding([press(.escape), .exactly(.ctrl("g"))], keys: "Esc, Ctrl-G", help: "close", hint: "Esc close", .close),
    ])

    static let scorerEditorKeys: KeyTable<ScorerAction, PlaygroundState> =
        EditorKeys.table("Candidates, one per line").mapActions { .edit($0) }

    mutating func openScorer() {
        scorer = scorer ?? ContinuationScorer()
        if engine.family != .textSynth {
            parameterNotice = Notice("\(engine.id) has no logprob endpoint: the scorer cannot score here", isError: true)
        }
    }

    mutating func handleScorerKey(_ key: KeyPress, effects: inout [Effect]) {
        guard var scorer else { return }
        let editorKeys = scorer.editing ? Self.scorerEditorKeys : nil
        guard let action = Self.scorerKeys.action(for: key, in: self) ?? editorKeys?.action(for: key, in: self) else {
            return
        }
        switch action {
        case .score: return scoreCandidates(effects: &effects)
        case .switchPane: scorer.editing.toggle()
        case .move:
            scorer.selected = min(max(0, scorer.selected + (key.key == .up ? -1 : 1)), max(0, scorer.rows.count - 1))
        case .use:
            self.scorer = nil
            return useCandidate(scorer.ranked, at: scorer.selected)
        case .close:
            // A candidate still being scored is not worth its credits any more.
            if let pending = scorer.rows.first(where: { $0.answer == nil && $0.failure == nil }) {
                effects.append(.cancelRequest(.playground(pending.requestID)))
            }
            self.scorer = nil
            return
        case .edit(let edit):
            let area = ScorerView.editorArea(in: layout.output)
            scorer.editor.apply(edit, key: key, width: max(1, area.width), page: max(1, area.height - 1))
            scorer.editor.revealCursor(width: max(1, area.width), height: max(1, area.height))
        }
        self.scorer = scorer
    }

    /// F5: one `/logprob` request per non-empty line, each a continuation of the prompt.
    mutating func scoreCandidates(effects: inout [Effect]) {
        guard var scorer else { return }
        guard engine.family == .textSynth else {
            parameterNotice = Notice("\(engine.id) has no logprob endpoint", isError: true)
            return
        }
        let candidates = scorer.editor.text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        guard !candidates.isEmpty else {
            parameterNotice = Notice("type candidate continuations, one per line, then F5", isError: true)
            return
        }
        guard !editor.text.isEmpty else {
            parameterNotice = Notice("the prompt is empty: the candidates continue the prompt", isError: true)
            return
        }
        scorer.rows = candidates.map { candidate in
            defer { nextRequestID += 1 }
            return ContinuationScorer.Row(candidate: candidate, requestID: nextRequestID)
        }
        scorer.context = editor.text
        scorer.backend = engine.backend ?? backendName
        scorer.engine = engine.id
        scorer.selected = 0
        scorer.editing = false
        self.scorer = scorer
        scoreNextCandidate(effects: &effects)
    }

    /// Candidates are scored one after another: a backend that publishes no prices (the cloud) tells a request's
    /// cost only from the balance before and after it, which requests running together would share.
    private mutating func scoreNextCandidate(effects: inout [Effect]) {
        guard let scorer, let row = scorer.rows.first(where: { $0.answer == nil && $0.failure == nil }),
              !scorer.rows.contains(where: { $0.requestID < row.requestID && $0.answer == nil && $0.failure == nil })
        else { return }
        effects.append(.scoreContinuation(.playground(row.requestID), backend: scorer.backend, engine: scorer.engine,
                                          LogprobRequest(context: scorer.context, continuation: row.candidate)))
    }

    /// Enter: the candidate becomes a new answer tab (the prompt, parameters and other answers stay).
    private mutating func useCandidate(_ ranked: [ContinuationScorer.Row], at index: Int) {
        guard ranked.indices.contains(index) else { return }
        var doc = OutputDocument(promptTail: OutputDocument.promptTail(of: editor.text), width: layout.outputTextWidth)
        doc.append(ranked[index].candidate)
        doc.lineage = OutputLineage(
            run: CompletionSnapshot(id: 0, backend: engine.backend ?? backendName, engine: engine.id, family: engine.family,
                                    prompt: editor.text, parameters: parameters.sampling),
            origin: .candidate(rank: index))
        outputs.append(doc)
        selectOutputTab(outputs.count - 1)
        focus = .output
    }

    /// A scorer row's answer, failure or cost; false when the event is not about one.
    mutating func handleScorerEvent(_ event: Event, effects: inout [Effect]) -> Bool {
        func row(_ request: RequestKey) -> Int? { scorer?.rows.firstIndex { $0.requestID == request.serial } }
        switch event {
        case .continuationScored(let request, let answer):
            guard let i = row(request) else { return false }
            scorer?.rows[i].answer = answer
            scoreNextCandidate(effects: &effects)
        case .requestFailed(let request, let message, _):
            guard let i = row(request) else { return false }
            scorer?.rows[i].failure = message
            scoreNextCandidate(effects: &effects)
        case .creditsMeasured(let request, let change):
            guard let i = row(request) else { return false }
            scorer?.rows[i].cost = -change
        default:
            return false
        }
        return true
    }
}
