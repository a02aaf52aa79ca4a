// Clicking a row selects it; a click on a slider's bar sets it, and dragging moves it until the button is released.

extension ParameterPane {
    /// A press at (x, y) inside the pane. Returns true when a value changed.
    mutating func press(x: Int, y: Int, layout: ParameterPaneLayout, family: EngineFamily) -> Bool {
        let list = layout.list
        guard list.contains(x: x, y: y) else { return false }
        let index = layout.listTop(cursor: cursor) + y - list.y
        let rows = rows(for: family)
        guard rows.indices.contains(index), rows[index].enabled else { return false }
        cursor = index
        input = nil
        guard setSlider(row: index, column: x, list: list, family: family) else { return false }
        draggingRow = index
        return true
    }

    /// The mouse moved with the button held. Returns true when a slider moved.
    mutating func drag(x: Int, layout: ParameterPaneLayout, family: EngineFamily) -> Bool {
        guard let row = draggingRow else { return false }
        return setSlider(row: row, column: x, list: layout.list, family: family)
    }

    mutating func release() { draggingRow = nil }

    var isDragging: Bool { draggingRow != nil }
}
