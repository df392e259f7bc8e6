import ArgumentParser
import BoshYAML
import Foundation

/// Reading the CLI's input files, with errors users can act on.
enum CLIInput {
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read '\(path)': no such file or not readable")
        }
        return [UInt8](data)
    }

    static func parseYAML(atPath path: String) throws -> YAMLTree {
        try YAMLParser.parse(bytes: read(path), file: path)
    }
}
