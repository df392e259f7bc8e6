/// Buffers one changeset lends each dump in turn (``PsychDumper/lines(_:document:redact:asciiBytePath:scratch:)``),
/// so their capacity is allocated once per diff rather than once per dumped value.
final class DumpScratch {
    var out: [UInt8] = []
    var indents: [Int] = []
}
