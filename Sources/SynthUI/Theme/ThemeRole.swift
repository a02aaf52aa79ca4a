// What a cell is, not what colour it is: the theme decides the colour.

public enum ThemeRole: String, Sendable, Hashable, CaseIterable, Codable {
    case text
    case paneBorder = "pane_border"
    case focusedBorder = "focused_border"
    case paneTitle = "pane_title"
    case focusedTitle = "focused_title"
    case promptText = "prompt_text"
    case cursor
    case selection
    case outputText = "output_text"
    case promptEcho = "prompt_echo"
    case tabActive = "tab_active"
    case tabInactive = "tab_inactive"
    case statsLine = "stats_line"
    case sliderLabel = "slider_label"
    case sliderValue = "slider_value"
    case sliderBar = "slider_bar"
    case sliderTrack = "slider_track"
    case focusedRow = "focused_row"
    case disabled
    case input
    case statusBar = "status_bar"
    case statusAccent = "status_accent"
    case keyHint = "key_hint"
    case spinner
    case error
    case warning
    case overlay
    case overlayTitle = "overlay_title"
    /// Output tokens by how sure the model was of them (the token inspector, Ctrl-T).
    case tokenHigh = "token_high"
    case tokenMid = "token_mid"
    case tokenLow = "token_low"
}
