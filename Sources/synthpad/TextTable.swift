/// Aligned columns for the command line's tables: every column but the last is padded to its widest cell,
/// numbers right-aligned, text left-aligned; the last column (free text) is never padded.
enum TextTable {
    static func lines(_ rows: [[String]], leftAligned: Set<Int>) -> [String] {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return [] }
        let widths = (0..<columns - 1).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in
                guard column < widths.count else { return cell }
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return leftAligned.contains(column) ? cell + padding : padding + cell
            }
            var line = cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
