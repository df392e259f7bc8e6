import BoshKitTestSupport
import Foundation
import Testing

/// `boshkit int`: golden-file tests of what it prints and of its errors.
@Suite struct IntCommandTests {
    @Test func printsTheExampleManifestLikeBoshInt() async throws {
        let result = try await BoshKitProcess.run(["int", "Examples/hello/manifest.yml"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == (try BoshKitProcess.snapshot("int-hello.txt")))
    }

    @Test func malformedYAMLSaysWhereAndWhy() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yml")
        try "name: x\ninstance_groups:\n\t- name: web\n".write(to: bad, atomically: true, encoding: .utf8)
        let result = try await BoshKitProcess.run(["int", bad.path])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "\(bad.path):3:1: found a tab character where indentation or a token was expected (YAML indents with spaces only)\n")
    }

    /// Hostile input: the 10^9-node alias bomb (300 bytes) and a 100 MB single-line ops file are answered at
    /// once with a clear error.
    @Test func anAliasBombAndAHugeOpsFileAreAnsweredAtOnce() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]")
        }
        let bomb = dir.appendingPathComponent("bomb.yml")
        try (lines.joined(separator: "\n") + "\n").write(to: bomb, atomically: true, encoding: .utf8)
        let refused = try await BoshKitProcess.run(["int", bomb.path])
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(refused.stderr == "\(bomb.path):4:14: document contains excessive aliasing\n")

        let manifest = dir.appendingPathComponent("m.yml")
        try "name: x\n".write(to: manifest, atomically: true, encoding: .utf8)
        let ops = dir.appendingPathComponent("ops.yml")
        var big = Data("- {type: replace, path: /x, value: ".utf8)
        big.append(Data(repeating: UInt8(ascii: "a"), count: 100_000_000))
        big.append(Data("}\n".utf8))
        try big.write(to: ops)
        let failed = try await BoshKitProcess.run(["int", manifest.path, "-o", ops.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("operation [0] (replace /x): Expected to find a map key 'x' for path '/x'"))

        // Bounded memory, measured on the process itself.
        let (bombed, opsRun) = try await offCooperativePool {
            (try PeakMemory.boshkit(["int", bomb.path]), try PeakMemory.boshkit(["int", manifest.path, "-o", ops.path]))
        }
        #expect(bombed.status == 1 && bombed.peakKB < 100_000, "\(bombed)")
        #expect(opsRun.status == 1 && opsRun.peakKB < 1_000_000, "\(opsRun)")
    }

    /// A release tarball whose one entry is 300 MB of zeros (a few hundred KB compressed): refused by
    /// `inspect-release` after at most the bound, in bounded memory.
    @Test func aCompressionBombReleaseIsRefusedInBoundedMemory() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let zeros = dir.appendingPathComponent("zeros.bin")
        _ = FileManager.default.createFile(atPath: zeros.path, contents: nil)
        let handle = try FileHandle(forWritingTo: zeros)
        try handle.truncate(atOffset: 300 << 20)  // sparse: nothing written to disk
        try handle.close()
        let bomb = dir.appendingPathComponent("bomb.tgz")
        _ = try await offCooperativePool {
            try BoshKitProcess.runBlockingTool("/bin/tar", ["-czf", bomb.path, "-C", dir.path, "zeros.bin"])
        }
        let result = try await BoshKitProcess.run(["inspect-release", bomb.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("a compression bomb"), "\(result.stderr)")
        let measured = try await offCooperativePool { try PeakMemory.boshkit(["inspect-release", bomb.path]) }
        #expect(measured.status == 1 && measured.peakKB < 200_000, "\(measured)")
    }

    @Test func missingFile() async throws {
        let result = try await BoshKitProcess.run(["int", "no/such.yml"])
        #expect(result.status == 1)
        #expect(result.stderr == "Opening file no/such.yml: open no/such.yml: no such file or directory\n")  // bosh-cli's words (BoshIntErrorTextTests)
    }

    @Test func helpText() async throws {
        let result = try await BoshKitProcess.run(["int", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == (try BoshKitProcess.snapshot("int-help.txt")))
    }
}
