import Foundation
import BoshYAML

/// A table printed the way bosh-cli prints them: aligned columns with a row count in a terminal, or its JSON
/// UI format (`{"Tables":[{"Content","Header","Rows","Notes"}],"Blocks","Lines"}`, 4-space indented, keys
/// sorted as Go's `encoding/json` writes maps) with `--json`.
public struct BoshTable: Sendable {
    /// What the rows are (`instances`, `deployments`): the JSON `Content` and the count line's noun.
    public var content: String
    /// (key, header) in column order; keys are bosh-cli's (`process_state` for `Process State`).
    public var columns: [(String, String)]
    /// One dictionary per row, by column key.
    public var rows: [[String: String]]
    /// Notes printed after the table.
    public var notes: [String]
    /// A line printed before the table (`Deployment 'hello'`).
    public var title: String?

    /// Creates a table.
    public init(
        content: String, columns: [(String, String)], rows: [[String: String]], notes: [String] = [], title: String? = nil
    ) {
        self.content = content
        self.columns = columns
        self.rows = rows
        self.notes = notes
        self.title = title
    }

    /// The terminal form: the title, aligned columns (multi-line cells joined with `, `), the row count.
    public func text() -> String {
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

    /// bosh-cli's `--json` form.
    public func json() -> String {
        func quoted(_ s: String) -> String {
            var out = ""
            JSONText.appendQuoted(s, to: &out, goEscapes: true)
            // json.MarshalIndent escapes HTML: `<` and `>` too.
            return out.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
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
