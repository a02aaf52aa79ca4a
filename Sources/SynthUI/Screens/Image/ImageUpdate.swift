// The image screen's update: one event in, effects out. Pure: files are named, never read or written here.
import SynthKit

public func updateImageScreen(state: inout ImageScreenState, event: ImageEvent) -> [ImageEffect] {
    var effects: [ImageEffect] = []
    switch event {
    case .key(let key): state.handle(key: key, effects: &effects)
    case .paste(let text):
        if state.input != nil {
            state.input?.line.insert(text.replacingOccurrences(of: "\n", with: ""))
        } else if state.focus == .negative {
            state.negative.insert(text)
        } else {
            state.prompt.insert(text)
            state.focus = .prompt
        }
    case .resize(let rect): state.viewRect = rect
    case .setAvailability(let availability): state.availability = availability
    case .setDirectory(let directory): state.directory = directory
    case .run: state.run(effects: &effects)
    case .cancel: state.cancel(effects: &effects)
    case .saved(let id, let paths):
        guard state.running == id else { break }
        state.running = nil
        state.retryNote = nil
        state.saved = paths
        state.savedBy = id
        state.cost = nil
        state.shown = 0
        state.notice = Notice("saved \(paths.count) image\(paths.count == 1 ? "" : "s") in \(state.directoryName)")
        effects.append(.refreshCredits)
    case .failed(let id, let message, let status):
        guard state.running == id else { break }
        state.running = nil
        state.retryNote = nil
        // The prompts and parameters stay as they were: fix what the message says and press F5 again.
        state.notice = Notice(status.map { "\(ColumnPhase.describe(status: $0)): \(message)" } ?? message, isError: true)
        effects.append(.refreshCredits)
    case .retrying(let id, let note):
        if state.running == id { state.retryNote = note }
    case .creditsMeasured(let id, let change):
        if state.savedBy == id { state.cost = abs(change) }
    }
    return effects
}

extension ImageScreenState {
    mutating func run(effects: inout [ImageEffect]) {
        guard !isRunning else { return }
        guard case .available(let engine) = availability else {
            if case .unavailable(let why) = availability { notice = Notice(why, isError: true) }
            return
        }
        guard !prompt.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            notice = Notice("type a prompt first: what the image should show", isError: true)
            focus = .prompt
            return
        }
        let request = self.request
        do { try request.validate() } catch {
            notice = Notice(error.description, isError: true)
            return
        }
        let id = nextRequestID
        nextRequestID += 1
        running = id
        retryNote = nil
        notice = nil
        effects.append(.generate(requestID: id, engine: engine, request: request, startImage: startImage,
                                 directory: directory))
    }

    mutating func cancel(effects: inout [ImageEffect]) {
        guard let id = running else { return }
        effects.append(.cancelRequest(id: id))
        running = nil
        retryNote = nil
        notice = Notice("cancelled; the prompt and parameters are kept")
    }
}
