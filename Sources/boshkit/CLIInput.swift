import ArgumentParser
import BoshYAML
import Foundation

/// Reading the CLI's input files, with errors users can act on.
enum CLIInput {
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure("cannot read '\(path)': no such file or not readable")
        }
        return [UInt8](data)
    }

    static func parseYAML(atPath path: String) throws -> YAMLTree {
        try CLIFailure.reporting { try YAMLParser.parse(bytes: read(path), file: path) }
    }
}

/// An error the CLI prints as it is (one problem per line on stderr) before exiting with a status.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    let status: Int32

    init(_ message: String, status: Int32 = 1) {
        description = message
        self.status = status
    }

    /// Runs `body`, turning library errors into CLI failures printed without decoration.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as CLIFailure { throw e } catch { throw CLIFailure(String(describing: error)) }
    }

    /// Runs async `body`, turning library errors into CLI failures printed without decoration.
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as CLIFailure { throw e } catch { throw CLIFailure(String(describing: error)) }
    }
}
