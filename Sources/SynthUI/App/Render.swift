// The whole screen from the state: pure, no terminal involved.

/// Draws the state into `grid`, resizing the grid to the state's size if needed.
public func render(_ state: AppState, into grid: inout CellGrid) {
    if grid.columns != state.columns || grid.rows != state.rows {
        grid = CellGrid(columns: state.columns, rows: state.rows)
    } else {
        grid.clear()
    }
    grid.cursor = nil
    if state.layout.isTooSmall {
        TooSmallNotice.draw(state, into: &grid)
        return
    }
    state.renderScreen(into: &grid)
    StatusBarView.draw(state, into: &grid)
    if state.showHelp {
        grid.cursor = nil
        HelpOverlay.draw(state, into: &grid)
    } else if state.confirmingQuit {
        grid.cursor = nil
        QuitQuestion.draw(state, into: &grid)
    } else if state.pendingSpend != nil {
        grid.cursor = nil
        SpendQuestion.draw(state, into: &grid)
    }
}

/// A fresh grid holding the screen for the state.
public func render(_ state: AppState) -> CellGrid {
    var grid = CellGrid(columns: state.columns, rows: state.rows)
    render(state, into: &grid)
    return grid
}
