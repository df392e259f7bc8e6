import Foundation
import BoshArchive
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
    /// A line printed before the table (`Deployment 'hello'`).
    public var title: String?

    /// Creates a table.
    public init(
        content: String, columns: [(String, String)], rows: [[String: String]], title: String? = nil
    ) {
        self.content = content
        self.columns = columns
        self.rows = rows
        self.title = title
    }

    /// The terminal form: the title, aligned columns (multi-line cells joined with `, `), the row count.
    public func text() -> String {
        var out = title.map { "\($0)\n\n" } ?? ""
        var table = TextTable(columns.map(\.1))
        for row in rows { table.add(columns.map { row[$0.0]?.replacingOccurrences(of: "\n", with: ", ") ?? "" }) }
        out += table.render()
        // As bosh-cli counts: rows continuing the row above (first column empty, or `~` as bosh-cli prints it:
        // `instances --ps` process rows) are not counted.
        let counted = rows.filter { row in columns.first.map { !["", "~"].contains(row[$0.0] ?? "") } ?? true }.count
        out += "\n\(counted) \(content)\n"
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
        let lines = (title.map { [$0] } ?? []) + ["Succeeded"]
        return """
            {
                "Tables": [
                    {
                        "Content": \(quoted(content)),
                        "Header": \(header),
                        "Rows": \(rowsText),
                        "Notes": null
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
