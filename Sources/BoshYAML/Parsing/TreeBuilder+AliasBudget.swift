import CLibYAML

/// yaml.v2's bound on alias expansion (gopkg.in/yaml.v2 2.4, what bosh-cli decodes with), kept while the tree
/// is built so that every path that later expands aliases — `int`, diff, typed decoding, rendering — only ever
/// sees documents the real CLI accepts.
///
/// yaml.v2 counts every node it decodes (`decode`) and those decoded inside an alias expansion (`alias`); once
/// `alias > 100` and `decode > 1000`, a document fails with `document contains excessive aliasing` as soon as
/// `alias / decode` exceeds the allowed ratio: 0.99 up to 400,000 decoded nodes, falling linearly to 0.10 at
/// 4,000,000 and beyond. Here each node carries its decode weight (how many nodes decoding it visits, aliases
/// expanded; saturating), so an alias adds its anchor's weight in one step — within one expansion the ratio only
/// rises and the allowed ratio only falls, so checking at its end decides as yaml.v2's per-node check does —
/// and nothing is expanded to decide.
struct AliasBudget {
    /// Nodes decoded so far in this document (the document node included).
    var decode: Int64 = 0
    /// Of those, nodes decoded inside an alias expansion.
    var alias: Int64 = 0
    /// Whether collections' weights are kept: from the document's first anchor on (before it, no node can be an
    /// alias's target).
    var isTracking = false

    static let rangeLow: Int64 = 400_000
    static let rangeHigh: Int64 = 4_000_000
    /// Weights saturate here (a bomb's true weight overflows any integer).
    static let ceiling: Int64 = 1 << 60

    /// yaml.v2's `allowedAliasRatio`.
    static func allowedRatio(_ decode: Int64) -> Double {
        if decode <= rangeLow { return 0.99 }
        if decode >= rangeHigh { return 0.10 }
        return 0.99 - 0.89 * (Double(decode - rangeLow) / Double(rangeHigh - rangeLow))
    }

    @inline(__always) static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow || sum > ceiling ? ceiling : sum
    }

    /// Whether adding `count` nodes decoded outside any alias keeps a document that passed yaml.v2's check
    /// passing: no alias yet (the check needs more than 100), or the check already active (`decode > 1000`) and
    /// the allowed ratio constant (up to 400,000 decoded nodes), where such nodes only lower `alias / decode`.
    /// Beyond 400,000 the allowed ratio falls with every node, and at 1,000 the check starts: those are counted
    /// and checked one by one.
    @inline(__always) func mayOnlyFall(adding count: Int64) -> Bool {
        alias <= 100 || (decode > 1000 && decode &+ count <= Self.rangeLow)
    }

    /// Whether yaml.v2 would stop here.
    var isExceeded: Bool {
        guard alias > 100 && decode > 1000 else { return false }
        // Well under the allowed ratio — under 98% up to 400,000 nodes (yaml.v2 allows 0.99), under 9% beyond (it
        // allows at least 0.10) — the integers decide without a floating-point division; converting and dividing
        // err by far less than either gap, so the answer is the same.
        let (scaledAlias, aliasOverflow) = alias.multipliedReportingOverflow(by: 100)
        let (scaledDecode, decodeOverflow) = decode.multipliedReportingOverflow(by: decode <= Self.rangeLow ? 98 : 9)
        if !aliasOverflow && !decodeOverflow && scaledAlias < scaledDecode { return false }
        return Double(alias) / Double(decode) > Self.allowedRatio(decode)
    }
}

extension TreeBuilder {
    /// Whether the next node is a key of the innermost open mapping.
    var isAtMappingKey: Bool {
        guard !frames.isEmpty else { return false }
        let frame = frames.base + (frames.count &- 1)
        return frame.pointee.isMapping && (pending.count &- frame.pointee.pendingStart) & 1 == 0
    }

    /// Whether the next node is the value of a merge key (`<<`) of the innermost open mapping.
    var isAtMergeValue: Bool {
        guard !frames.isEmpty else { return false }
        let frame = frames.base + (frames.count &- 1)
        guard frame.pointee.isMapping, (pending.count &- frame.pointee.pendingStart) & 1 == 1 else { return false }
        return isMergeKey(pending.last)
    }

    /// Counts `count` decoded nodes, `aliased` of them inside an alias expansion, and stops where yaml.v2 would.
    @inline(__always) mutating func countDecode(_ count: Int64, aliased: Int64, at mark: yaml_mark_t) throws {
        if aliased == 0 && (aliasBudget.mayOnlyFall(adding: count)) {
            aliasBudget.decode &+= count
            return
        }
        try countAliased(count, aliased: aliased, at: mark)
    }

    private mutating func countAliased(_ count: Int64, aliased: Int64, at mark: yaml_mark_t) throws {
        aliasBudget.decode = AliasBudget.add(aliasBudget.decode, count)
        aliasBudget.alias = AliasBudget.add(aliasBudget.alias, aliased)
        if aliasBudget.isExceeded {
            throw YAMLError(.excessiveAliasing, file: file, mark: Self.mark(mark), message: "document contains excessive aliasing")
        }
    }

    /// Records the decode weight of a collection that ended — itself and what its entries add (a merge key
    /// nothing, a merged sequence its items only) — for its aliases if anchored, and adds it to its parent's.
    /// `entries` is how many entries it has; those weighing exactly 1 were not added one by one.
    mutating func finishWeight(of frame: Frame, entries: Int) {
        guard aliasBudget.isTracking else { return }
        // Its weight: itself, its entries of weight 1, and the others' weights (saturating sums of non-negative
        // numbers, so the order of the additions does not matter).
        let weight = AliasBudget.add(Int64(1 + entries - frame.otherCount), frame.otherWeight)
        if frame.isAnchored { anchorWeights[frame.node] = weight }
        guard !frames.isEmpty else { return }
        let last = frames.base + (frames.count - 1)
        last.pointee.otherWeight = AliasBudget.add(last.pointee.otherWeight, frame.isMergeValue ? weight - 1 : weight)
    }
}
