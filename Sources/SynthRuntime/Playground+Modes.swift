import SynthKit
import TerminalBackend
import SynthUI

extension Playground {
    /// Puts back the compare columns and the scratchpad's inputs, points the scratchpad at this backend, applies
    /// what the command line asked for (prompt, languages, columns) and opens the chosen mode.
    static func setUpModes(_ state: inout AppState, configuration: PlaygroundConfiguration, saved: ModesSession?) {
        if let saved { state.restore(saved) }
        if let prompt = configuration.prompt { state.replacePrompt(with: prompt) }
        let pad = state.translatePad
        let engine = configuration.translationEngine ?? pad.engine
        _ = update(state: &state, event: .translate(.setBackend(
            name: configuration.backendName, engine: engine,
            support: configuration.languageSupport ?? LanguageSupport(engine: engine), price: pad.price)))
        if let source = configuration.padSourceLanguage {
            _ = update(state: &state, event: .translate(.setLanguage(.source, code: source)))
        }
        if let target = configuration.padTargetLanguage {
            _ = update(state: &state, event: .translate(.setLanguage(.target, code: target)))
        }
        _ = update(state: &state, event: .image(.setAvailability(configuration.imageAvailability)))
        _ = update(state: &state, event: .image(.setDirectory(configuration.imageDirectory)))
        state.switchMode(to: configuration.initialMode)
        if let search = configuration.historySearch { state.history.search = PromptEditor(text: search) }
        if configuration.initialMode == .compare, let wanted = configuration.compareColumns {
            let limit = CompareState.maxColumns
            while let count = state.compare?.columns.count, count < min(wanted, limit) {
                _ = update(state: &state, event: .compare(.addColumn))
            }
            while let count = state.compare?.columns.count, count > max(wanted, CompareState.minColumns) {
                _ = update(state: &state, event: .compare(.removeColumn(index: count - 1)))
            }
            _ = update(state: &state, event: .compare(.focusColumn(index: 0)))
        }
        if configuration.initialMode == .compare, configuration.compareEngines.count >= CompareState.minColumns {
            // One column per engine asked for, each on the backend's settings.
            while let count = state.compare?.columns.count, count < configuration.compareEngines.count {
                _ = update(state: &state, event: .compare(.addColumn))
            }
            while let count = state.compare?.columns.count, count > configuration.compareEngines.count {
                _ = update(state: &state, event: .compare(.removeColumn(index: count - 1)))
            }
            for (index, id) in configuration.compareEngines.enumerated() {
                let engine = state.engines.first { $0.qualifiedID == id } ?? state.engines.first { $0.id == id }
                    ?? EngineChoice(id: id, displayName: id, contextLength: EngineCatalog.contextLength(of: id),
                                    family: state.playground.engine.family)
                _ = update(state: &state, event: .compare(.setEngine(columnIndex: index, engine: engine,
                                                                      backend: configuration.backendName,
                                                                      price: engine.backend == nil ? state.tokenPrice : nil)))
            }
        }
        if configuration.initialMode == .translate, configuration.padLLM, state.translatePad.llm == nil {
            _ = update(state: &state, event: .key(KeyPress(.function(10))))
        }
        if let system = configuration.chatSystemPrompt ?? configuration.preset?.system {
            _ = update(state: &state, event: .chat(.setSystemPrompt(system)))  // makes the screen if needed
        }
        if configuration.initialMode == .compare, let sweep = configuration.compareSweep {
            _ = update(state: &state, event: .compare(.applySweep(sweep)))
        }
    }
}
