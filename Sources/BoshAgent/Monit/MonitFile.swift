/// One `check process` entry of a job's monit file.
public struct MonitProcess: Sendable, Hashable {
    /// The process name (`check process <name>`).
    public var name: String
    /// The pidfile the process writes (`with pidfile <path>`).
    public var pidfile: String
    /// The command that starts it (`start program "<command>"`), run with `/bin/sh -c`.
    public var startProgram: String
    /// The command that stops it (`stop program "<command>"`), if any.
    public var stopProgram: String?
    /// Its monit group (`group <name>`), if any.
    public var group: String?

    /// Creates an entry.
    public init(name: String, pidfile: String, startProgram: String, stopProgram: String? = nil, group: String? = nil) {
        self.name = name
        self.pidfile = pidfile
        self.startProgram = startProgram
        self.stopProgram = stopProgram
        self.group = group
    }
}

/// A parser for the part of monit's control-file syntax BOSH jobs use: any number of `check process` entries
/// with `with pidfile`, `start program`, `stop program` and `group`; `depends on`, `if … then …`, `mode`,
/// `every`, `alert` and `set …` statements are accepted and ignored; `#` starts a comment.
public enum MonitFile {
    /// Parses monit text; `path` names the file in errors.
    /// - Throws: ``MonitFileError`` with the file and line of the first problem.
    public static func parse(_ text: String, path: String) throws -> [MonitProcess] {
        var processes: [MonitProcess] = []
        var current: (name: String, line: Int, pidfile: String?, start: String?, stop: String?, group: String?)?

        func finish() throws {
            guard let entry = current else { return }
            guard let pidfile = entry.pidfile else {
                throw MonitFileError(path: path, line: entry.line, "check process \(entry.name) has no 'with pidfile'")
            }
            guard let start = entry.start else {
                throw MonitFileError(path: path, line: entry.line, "check process \(entry.name) has no 'start program'")
            }
            processes.append(
                MonitProcess(name: entry.name, pidfile: pidfile, startProgram: start, stopProgram: entry.stop, group: entry.group))
            current = nil
        }

        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
            let lineTokens = try tokens(String(rawLine), path: path, line: line)
            var words = lineTokens.map(\.text)
            let quoted = Set(lineTokens.filter(\.quoted).map(\.text))
            guard let keyword = words.first?.lowercased() else { continue }
            func fail(_ message: String) -> MonitFileError { MonitFileError(path: path, line: line, message) }
            if keyword == "set" && current == nil { continue }
            if keyword == "check" {
                try finish()
                guard words.count >= 3 else { throw fail("'check' needs a type and a name (check process NAME)") }
                guard words[1].lowercased() == "process" else {
                    throw fail("'check \(words[1])' is not supported (only 'check process')")
                }
                if words.count > 3 && words[3].lowercased() == "matching" {
                    throw fail("'check process \(words[2]) matching' is not supported (use 'with pidfile')")
                }
                current = (words[2], line, nil, nil, nil, nil)
                if words.count > 3 { words = Array(words[3...]) } else { continue }
                // `check process x with pidfile y` on one line: fall through with the rest.
            }
            guard current != nil else { throw fail("'\(words[0])' outside a 'check process' entry") }
            if words.first?.lowercased() == "with" { words.removeFirst() }
            guard let statement = words.first?.lowercased() else { throw fail("'with' needs a statement") }
            switch statement {
            case "pidfile":
                guard words.count >= 2 else { throw fail("'pidfile' needs a path") }
                current?.pidfile = words[1]
            case "start", "stop":
                var rest = Array(words.dropFirst())
                guard rest.first?.lowercased() == "program" else {
                    throw fail("expected '\(statement) program \"<command>\"'")
                }
                rest.removeFirst()
                if rest.first == "=" { rest.removeFirst() }
                guard let command = rest.first, !command.isEmpty, quoted.contains(command) else {
                    throw fail("'\(statement) program' needs a quoted command")
                }
                if statement == "start" { current?.start = command } else { current?.stop = command }
            case "group":
                guard words.count >= 2 else { throw fail("'group' needs a name") }
                current?.group = words[1]
            case "depends", "if", "mode", "every", "alert", "noalert", "restart", "timeout", "uid", "gid", "else",
                "and", "or", "then":
                continue
            default:
                throw fail("unexpected '\(words[0])' (expected pidfile, start program, stop program, group, depends on, if)")
            }
        }
        try finish()
        return processes
    }

    /// Words of one line: bare words and double- or single-quoted strings; `#` outside quotes ends the line.
    static func tokens(_ line: String, path: String, line number: Int) throws -> [(text: String, quoted: Bool)] {
        var words: [(text: String, quoted: Bool)] = []
        var wasQuoted = false
        var word = ""
        var quote: Character?
        var inWord = false
        for character in line {
            if let open = quote {
                if character == open {
                    quote = nil
                } else {
                    word.append(character)
                }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                inWord = true
                wasQuoted = true
            case "#":
                if inWord { words.append((word, wasQuoted)) }
                return words
            case " ", "\t", "\r", ",":
                if inWord { words.append((word, wasQuoted)) }
                word = ""
                inWord = false
                wasQuoted = false
            default:
                word.append(character)
                inWord = true
            }
        }
        if quote != nil { throw MonitFileError(path: path, line: number, "unterminated quoted string") }
        if inWord { words.append((word, wasQuoted)) }
        return words
    }
}

/// A malformed monit file: where and what.
public struct MonitFileError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// The 1-based line.
    public let line: Int
    /// What is wrong.
    public let reason: String

    init(path: String, line: Int, _ reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    /// `<path>:<line>: <reason>`.
    public var description: String { "\(path):\(line): \(reason)" }
}
