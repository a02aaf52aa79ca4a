import SynthKit
// Where the parts of a parameter row go, shared by drawing and by mouse hit-testing.

struct SliderGeometry {
    let labelX: Int, labelWidth: Int
    let valueX: Int, valueWidth: Int
    let barX: Int, barWidth: Int
    /// The range printed after the bar when the pane is wide enough.
    let rangeX: Int, rangeWidth: Int

    init(x: Int, width: Int) {
        labelX = x + 1
        labelWidth = min(13, max(6, width / 3 + 1))
        valueX = labelX + labelWidth
        valueWidth = 7
        barX = valueX + valueWidth + 1
        let rest = x + width - barX
        rangeWidth = width >= 44 ? min(12, rest / 2) : 0
        barWidth = max(0, rest - rangeWidth - (rangeWidth > 0 ? 1 : 0))
        rangeX = barX + barWidth + 1
    }

    /// Cells of the bar filled for a value.
    func filled(_ value: Double, in range: ClosedRange<Double>) -> Int {
        guard barWidth > 0, range.upperBound > range.lowerBound else { return 0 }
        let f = (min(max(value, range.lowerBound), range.upperBound) - range.lowerBound) / (range.upperBound - range.lowerBound)
        return Int((f * Double(barWidth)).rounded())
    }

    /// Draws the bar of a row at `y`: filled up to the value, the track after it (dimmed when the row is disabled).
    func drawBar(_ value: Double, in range: ClosedRange<Double>, y: Int, enabled: Bool, into grid: inout CellGrid) {
        let filled = filled(value, in: range)
        for k in 0..<barWidth {
            let style = enabled ? CellStyle(k < filled ? .sliderBar : .sliderTrack) : CellStyle(.disabled, [.dim])
            grid.put(k < filled ? "━" : "─", x: barX + k, y: y, style: style)
        }
    }

    /// The value for a click or drag at column `x` (nil outside the bar).
    func value(atColumn x: Int, spec: ParameterSpecLike) -> Double? {
        guard barWidth > 0, x >= barX - 1, x <= barX + barWidth else { return nil }
        let f = Double(min(max(x - barX + 1, 0), barWidth)) / Double(barWidth)
        let r = spec.displayRange
        let raw = r.lowerBound + f * (r.upperBound - r.lowerBound)
        return spec.snap(raw)
    }
}


/// What the geometry needs of a spec (kept narrow for tests).
protocol ParameterSpecLike {
    var displayRange: ClosedRange<Double> { get }
    func snap(_ value: Double) -> Double
}

extension ParameterSpec: ParameterSpecLike {
    func snap(_ value: Double) -> Double { stepped(value, by: 0, step: fineStep) }
}

/// Short labels that fit a narrow pane; the footer shows the full name.
func shortLabel(_ spec: ParameterSpec) -> String {
    switch spec.wireName {
    case "max_tokens": return "max tokens"
    case "temperature": return "temperature"
    case "top_k": return "top k"
    case "top_p": return "top p"
    case "typical_p": return "typical p"
    case "presence_penalty": return "presence"
    case "frequency_penalty": return "frequency"
    case "repetition_penalty": return "repetition"
    case "n": return "completions"
    case "seed": return "seed"
    case "length": return "length words"
    case "windowMax": return "window max"
    default: return spec.displayName
    }
}
