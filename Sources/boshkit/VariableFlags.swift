import ArgumentParser
import BoshYAML
import Foundation
import ManifestModel

/// bosh-cli's variable flags, shared by the commands that interpolate.
struct VariableFlags: ParsableArguments {
    @Option(name: [.customShort("v"), .customLong("var")], help: "Set variable (NAME=VALUE; the value is read as YAML).")
    var vars: [String] = []

    @Option(name: [.customShort("l"), .customLong("vars-file")], help: "Load variables from a YAML file.")
    var varsFiles: [String] = []

    @Option(name: .customLong("var-file"), help: "Set variable to file contents (NAME=PATH).")
    var varFiles: [String] = []

    @Option(name: .customLong("vars-env"), help: "Load variables from environment variables (PREFIX_name=value).")
    var varsEnv: [String] = []

    @Option(name: .customLong("vars-store"), help: "Load variables from, and save generated ones to, a YAML file.")
    var varsStore: String?

    @Flag(name: .customLong("var-errs"), help: "Fail if a variable is not found.")
    var varErrs = false

    @Flag(name: .customLong("var-errs-unused"), help: "Fail if a given variable is not used.")
    var varErrsUnused = false

    /// The sources, with bosh-cli's precedence.
    func sources() throws -> VariableSources {
        var sources = VariableSources()
        if !varsEnv.isEmpty {
            let environment = ProcessInfo.processInfo.environment
            for prefix in varsEnv { try sources.addEnvironment(prefix: prefix, environment: environment) }
        }
        for path in varsFiles { try sources.addVarsFile(try CLIInput.parseYAML(atPath: path, as: .varsFile)) }
        for argument in varFiles {
            guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else {
                throw CLIFailure("Expected var '\(argument)' to be in format 'name=path'")
            }
            let path = String(argument[argument.index(after: eq)...])
            sources.addVarFile(name: String(argument[..<eq]), contents: String(decoding: try CLIInput.read(path, as: .varFile), as: UTF8.self))
        }
        for argument in vars { try sources.addKeyValue(argument) }
        if let varsStore { sources.store = try VarsStore(path: varsStore) }
        return sources
    }
}
