// libFuzzer entry point for the BoshYAML parser and emitters. Not part of the package build: compiled
// together with Sources/BoshYAML by Fuzz/run-yaml-fuzz.sh (one module, so internals are visible).

/// Parses the input; when it parses, writes it in both styles, checks that the Swift bosh-int writer prints
/// what libyaml's C emitter prints, and that the bosh-int text reads back to the same bosh-int text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: size > 0 ? data : nil, count: size)
    guard let tree = try? YAMLParser.parse(bytes: input, file: "fuzz") else { return 0 }
    checkEmitters(tree)
    return 0
}

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

private func checkEmitters(_ tree: YAMLTree) {
    let boshInt: [UInt8]
    do { boshInt = try tree.emitBytes(style: .boshInt) } catch { fatalError("bosh-int emit failed: \(error)") }
    do { _ = try tree.emitBytes(style: .preserving) } catch { fatalError("preserving emit failed: \(error)") }
    if !hasLibYAMLDivergence(tree) {
        let reference: [UInt8]
        do { reference = try tree.emitBytesWithLibYAML(tree.root, style: .boshInt) } catch {
            fatalError("libyaml bosh-int emit failed: \(error)")
        }
        if reference != boshInt {
            fatalError("Swift writer differs from libyaml\n--- swift\n\(text(boshInt))--- libyaml\n\(text(reference))")
        }
    }
    let reread: YAMLTree
    do {
        reread = try YAMLParser.parse(bytes: boshInt, file: "fuzz (re-read)")
    } catch let error as YAMLError where error.kind == .duplicateKey {
        // Keys that differ in the source but print alike (`1.0` and `1`, `0x1` and `1`): yaml.v2's Marshal
        // output fails to read back in exactly the same way.
        return
    } catch {
        fatalError("bosh-int output does not parse: \(error)\n---\n\(text(boshInt))")
    }
    let again: [UInt8]
    do { again = try reread.emitBytes(style: .boshInt) } catch { fatalError("second bosh-int emit failed: \(error)") }
    if again != boshInt && !onlyNegativeZeroDiffers(boshInt, again) {
        fatalError("bosh-int output changed on re-read\n--- first\n\(text(boshInt))--- second\n\(text(again))")
    }
}

/// yaml.v2 prints the float -0.0 as `-0`, which reads back as the integer 0: the one value whose bosh-int
/// text is not a fixed point. Accepts differences made only of such `-0` keys and values turning into `0`.
private func onlyNegativeZeroDiffers(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    let linesA = a.split(separator: 10, omittingEmptySubsequences: false)
    let linesB = b.split(separator: 10, omittingEmptySubsequences: false)
    guard linesA.count == linesB.count else { return false }
    for (lineA, lineB) in zip(linesA, linesB) where !lineA.elementsEqual(lineB) {
        var x = Array(lineA)
        let y = Array(lineB)
        while x != y {
            let p = (0..<min(x.count, y.count)).first { x[$0] != y[$0] } ?? min(x.count, y.count)
            // A whole `-0` token: after a space or at the start, before `:` or the end of the line.
            guard p + 1 < x.count, x[p] == UInt8(ascii: "-"), x[p + 1] == UInt8(ascii: "0"),
                p == 0 || x[p - 1] == UInt8(ascii: " "),
                p + 2 == x.count || x[p + 2] == UInt8(ascii: ":")
            else { return false }
            x.remove(at: p)
        }
    }
    return true
}

/// U+FEFF, U+2028 and U+2029 anywhere in the tree's text: where yaml.v2 (and so the Swift writer) and libyaml
/// 0.2.5 may print different bytes (a leading BOM; a trailing LS/PS in a single-quoted value).
private func hasLibYAMLDivergence(_ tree: YAMLTree) -> Bool {
    tree.bytes.withUnsafeBufferPointer { b in
        var i = 0
        while i + 2 < b.count {
            if (b[i] == 0xEF && b[i + 1] == 0xBB && b[i + 2] == 0xBF)
                || (b[i] == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9))
            {
                return true
            }
            i += 1
        }
        return false
    }
}
