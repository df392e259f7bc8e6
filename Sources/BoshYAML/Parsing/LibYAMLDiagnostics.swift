import CLibYAML

/// Turns libyaml's parser errors into ``YAMLError``s that say where and why, in words a manifest author knows.
enum LibYAMLDiagnostics {
    static func parserError(_ parser: inout yaml_parser_t, file: String, input: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        let context = parser.context.map { String(cString: $0) }
        var mark = SourceMark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        let contextMark = SourceMark(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
        switch parser.error {
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset, not a line.
            let offset = Int(parser.problem_offset)
            mark = lineColumn(ofOffset: offset, in: input)
            return YAMLError(.invalidUTF8, file: file, mark: mark, message: "\(problem) (byte offset \(offset)): the file is not UTF-8 text")
        default:
            break
        }
        let offendingByte = byte(atLine: mark.line, column: mark.column, in: input)
        var message = problem
        if offendingByte == UInt8(ascii: "\t") {
            message = "found a tab character where indentation or a token was expected (YAML indents with spaces only)"
        } else if problem == "found unexpected end of stream", let context, context.contains("quoted scalar") {
            message = "unterminated quoted string (the quote opened at line \(contextMark.line), column \(contextMark.column))"
            mark = contextMark
        } else if let context {
            message = "\(problem) \(context) at line \(contextMark.line), column \(contextMark.column)"
        }
        if problem == "did not find expected key" || problem == "did not find expected '-' indicator" {
            message += " (check the indentation)"
        }
        return YAMLError(.syntax, file: file, mark: mark, message: message)
    }

    private static func lineColumn(ofOffset offset: Int, in input: UnsafeBufferPointer<UInt8>) -> SourceMark {
        var line = 1
        var column = 1
        var i = 0
        while i < min(offset, input.count) {
            if input[i] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if input[i] & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceMark(line: line, column: column)
    }

    private static func byte(atLine line: Int, column: Int, in input: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var currentLine = 1
        var i = 0
        while i < input.count && currentLine < line {
            if input[i] == UInt8(ascii: "\n") { currentLine += 1 }
            i += 1
        }
        let target = i + column - 1
        return target < input.count ? input[target] : nil
    }
}
