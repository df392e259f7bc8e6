/// Columns padded to their widest cell, two spaces apart (the inspect commands' tables).
package struct TextTable {
    package var header: [String]
    package var rows: [[String]] = []

    package init(_ header: [String]) { self.header = header }

    package mutating func add(_ row: [String]) { rows.append(row) }

    package func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in
            all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
