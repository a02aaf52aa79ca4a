import ArgumentParser
import Foundation
import SynthKit

struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "List the parameter presets (built in, and yours in $XDG_CONFIG_HOME/synthpad/presets/), or save one.",
        subcommands: [List.self, Save.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Each preset: where it comes from and what it sets.")

        func run() throws {
            let presets: [Preset]
            do { presets = try PresetStore.all() } catch { throw CLIError.usage("\(error)") }
            for preset in presets {
                let source = preset.isBuiltIn ? "built in" : PresetStore.directory().appendingPathComponent("\(preset.name).toml").path
                Output.line("\(preset.name)\t\(describe(preset))\t\(source)")
            }
        }
    }

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save the given parameters (on top of the config's) as a preset file; replaces one of that name.")

        @Argument(help: "The preset's name: letters, digits, - and _.") var name: String
        @Option(help: "An engine the preset selects.") var engine: String?
        @Option(help: "A system prompt the preset sets (for chat).") var system: String?
        @OptionGroup var sampling: SamplingOptions
        @Option(help: "Configuration file (default: $XDG_CONFIG_HOME/synthpad/config.toml).") var config: String?

        func run() throws {
            let base: SynthConfig
            do { base = try config.map { try SynthConfig.load(from: $0) } ?? SynthConfig.load() } catch {
                throw CLIError.usage("\(error)")
            }
            let preset = Preset(name: name, engine: engine, system: system,
                                parameters: try sampling.resolved(config: base.parameters))
            do {
                try preset.parameters.validate()
                Output.line("saved \(try PresetStore.save(preset).path)")
            } catch { throw CLIError.usage("\(error)") }
        }
    }
}

/// What a preset changes from the defaults, in wire names: `temperature=0.3 top_k=20`.
func describe(_ preset: Preset) -> String {
    var parts: [String] = []
    if let engine = preset.engine { parts.append("engine=\(engine)") }
    for spec in ParameterSpec.all {
        guard let value = preset.parameters.value(of: spec), value != SamplingParameters.defaults.value(of: spec) else {
            continue
        }
        parts.append("\(spec.wireName)=\(spec.isInteger ? String(Int(value)) : String(value))")
    }
    if !preset.parameters.stop.isEmpty { parts.append("stop=\(preset.parameters.stop.count)") }
    if preset.system != nil { parts.append("system") }
    return parts.isEmpty ? "the defaults" : parts.joined(separator: " ")
}
