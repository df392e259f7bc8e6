import BoshYAML

/// A table printed the way bosh-cli prints them: aligned columns with a row count in a terminal, or its JSON
/// UI format (`{"Tables":[{"Content","Header","Rows","Notes"}],"Blocks","Lines"}`) with `--json`.
struct BoshTable {
    var content: String
    /// (key, header) in column order.
    var columns: [(String, String)]
    var rows: [[String: String]]
    var notes: [String]
    var title: String?

    func text() -> String {
        var out = title.map { "\($0)\n\n" } ?? ""
        var widths = columns.map { $0.1.count }
        let cells = rows.map { row in columns.map { row[$0.0]?.replacingOccurrences(of: "\n", with: ", ") ?? "" } }
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ values: [String]) -> String {
            var text = ""
            for (i, value) in values.enumerated() {
                text += i == values.count - 1 ? value : value.padding(toLength: widths[i] + 2, withPad: " ", startingAt: 0)
            }
            return text + "\n"
        }
        out += line(columns.map(\.1))
        for row in cells { out += line(row) }
        out += "\n\(rows.count) \(content)\n"
        for note in notes { out += "\n\(note)\n" }
        return out
    }

    func json() -> String {
        func quoted(_ s: String) -> String {
            var out = ""
            JSONText.appendQuoted(s, to: &out, goEscapes: true)
            return out
        }
        func object(_ pairs: [(String, String)], indent: String) -> String {
            if pairs.isEmpty { return "{}" }
            let inner = pairs.sorted { $0.0 < $1.0 }.map { "\(indent)    \(quoted($0.0)): \(quoted($0.1))" }
            return "{\n" + inner.joined(separator: ",\n") + "\n\(indent)}"
        }
        let header = object(columns.map { ($0.0, $0.1) }, indent: "            ")
        let rowTexts = rows.map { row in
            "                " + object(columns.map { ($0.0, row[$0.0] ?? "") }, indent: "                ")
        }
        let rowsText = rowTexts.isEmpty ? "[]" : "[\n" + rowTexts.joined(separator: ",\n") + "\n            ]"
        let notesText = notes.isEmpty ? "null" : "[" + notes.map(quoted).joined(separator: ", ") + "]"
        let lines = (title.map { [$0] } ?? []) + ["Succeeded"]
        return """
            {
                "Tables": [
                    {
                        "Content": \(quoted(content)),
                        "Header": \(header),
                        "Rows": \(rowsText),
                        "Notes": \(notesText)
                    }
                ],
                "Blocks": null,
                "Lines": [
            \(lines.map { "        " + quoted($0) }.joined(separator: ",\n"))
                ]
            }

            """
    }
}
