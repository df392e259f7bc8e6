import Foundation

/// Where a local VM's files live: `/var/vcap` of a real VM is `<root>/var/vcap`.
///
/// - `var/vcap/data/packages/<name>/<version>/`, linked from `var/vcap/packages/<name>`
/// - `var/vcap/data/jobs/<job>/<configuration_hash>/`, linked from `var/vcap/jobs/<job>`
/// - `var/vcap/sys/run/<job>/`, `var/vcap/sys/log/<job>/`, `var/vcap/data/<job>/` for every job
/// - `var/vcap/store` (disks), `var/vcap/bosh` (the agent's own state), `var/vcap/data/compile`, `var/vcap/data/tmp`
public struct AgentLayout: Sendable, Hashable {
    /// The VM directory.
    public let root: URL

    /// A layout under `root`.
    public init(root: URL) { self.root = root.standardizedFileURL }

    /// `<root>/var/vcap`.
    public var varVcap: URL { root.appendingPathComponent("var/vcap") }
    /// `var/vcap/data`.
    public var data: URL { varVcap.appendingPathComponent("data") }
    /// `var/vcap/packages`: one symlink per installed package.
    public var packages: URL { varVcap.appendingPathComponent("packages") }
    /// `var/vcap/jobs`: one symlink per job.
    public var jobs: URL { varVcap.appendingPathComponent("jobs") }
    /// `var/vcap/sys/run`.
    public var sysRun: URL { varVcap.appendingPathComponent("sys/run") }
    /// `var/vcap/sys/log`.
    public var sysLog: URL { varVcap.appendingPathComponent("sys/log") }
    /// `var/vcap/store`.
    public var store: URL { varVcap.appendingPathComponent("store") }
    /// `var/vcap/bosh`: the agent's state (`spec.json`).
    public var bosh: URL { varVcap.appendingPathComponent("bosh") }
    /// `var/vcap/data/compile`.
    public var compile: URL { data.appendingPathComponent("compile") }
    /// `var/vcap/data/tmp`: staging on the same file system, so that renames are atomic.
    public var temporary: URL { data.appendingPathComponent("tmp") }

    /// `var/vcap/data/packages/<name>/<version>`.
    public func packageData(_ name: String, version: String) -> URL {
        data.appendingPathComponent("packages").appendingPathComponent(name).appendingPathComponent(version)
    }

    /// `var/vcap/data/jobs/<job>/<configuration_hash>`.
    public func jobData(_ job: String, configurationHash: String) -> URL {
        data.appendingPathComponent("jobs").appendingPathComponent(job).appendingPathComponent(configurationHash)
    }

    /// Creates the directories every VM has.
    public func createBaseDirectories() throws {
        for directory in [data, packages, jobs, sysRun, sysLog, store, bosh, compile, temporary] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
    }

    /// Creates `sys/run/<job>`, `sys/log/<job>` and `data/<job>`.
    public func createJobDirectories(_ job: String) throws {
        for directory in [sysRun, sysLog, data] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(job), withIntermediateDirectories: true)
        }
    }

    /// `text` with every `/var/vcap` replaced by `<root>/var/vcap`.
    public func rewrite(_ text: String) -> String {
        text.replacingOccurrences(of: "/var/vcap", with: varVcap.path)
    }

    /// `bytes` with every `/var/vcap` replaced by `<root>/var/vcap` (for files that may not be UTF-8).
    func rewrite(_ bytes: [UInt8]) -> [UInt8] {
        let pattern = Array("/var/vcap".utf8)
        let replacement = Array(varVcap.path.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == pattern[0], index + pattern.count <= bytes.count,
                bytes[index..<(index + pattern.count)].elementsEqual(pattern)
            {
                result += replacement
                index += pattern.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    /// A fresh staging directory under ``temporary``.
    func makeStagingDirectory(_ label: String) throws -> URL {
        let directory = temporary.appendingPathComponent("\(label)-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Points the symlink `link` at `target`, replacing what was there in one rename.
    func replaceSymlink(_ link: URL, to target: URL) throws {
        let staged = link.deletingLastPathComponent().appendingPathComponent(".\(link.lastPathComponent).\(UUID().uuidString)")
        guard symlink(target.path, staged.path) == 0 else {
            throw AgentFailure("cannot create symlink \(staged.path): \(String(cString: strerror(errno)))")
        }
        guard rename(staged.path, link.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(staged.path)
            throw AgentFailure("cannot replace \(link.path) with a symlink to \(target.path): \(reason)")
        }
    }

    /// Removes the symlinks in `directory` whose names are not in `keep`.
    func removeSymlinks(in directory: URL, except keep: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where !keep.contains(name) {
            let path = directory.appendingPathComponent(name).path
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil { unlink(path) }
        }
    }

    /// The VM root: `explicit`, else `BOSHKIT_VM_DIR` from `environment`, else the settings file's directory.
    public static func resolveRoot(explicit: String?, environment: [String: String], settingsPath: String) -> URL {
        if let explicit, !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        if let vmDirectory = environment["BOSHKIT_VM_DIR"], !vmDirectory.isEmpty {
            return URL(fileURLWithPath: vmDirectory)
        }
        return URL(fileURLWithPath: settingsPath).deletingLastPathComponent()
    }
}
