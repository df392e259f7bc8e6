import Foundation

/// A row timed against the baseline (`libyaml_scan`) in alternating rounds.
struct ComparedRow {
    var name: String
    /// Iterations per round (the row's sample is their median).
    var iterations: Int
    var warmup: Int
    /// A row this one is a larger copy of: the result reports the per-round growth over it and its exponent.
    var growthOf: (row: String, factor: Double)?
    /// Fixed figures reported with the row (input size …).
    var notes: [(String, Double)] = []
    var body: () throws -> Void
}

extension BenchRunner {
    /// Registers the baseline every compared row is divided by (it runs only when some compared row runs).
    func setBaseline(_ name: String, iterations: Int, warmup: Int = 3, _ body: @escaping () throws -> Void) {
        baselineRow = ComparedRow(name: name, iterations: iterations, warmup: warmup, growthOf: nil, body: body)
    }

    /// Registers a row timed against the baseline: ``runComparisons()`` alternates them in rounds.
    func compare(
        _ name: String, iterations: Int, warmup: Int = 3, growthOf: (row: String, factor: Double)? = nil,
        notes: [(String, Double)] = [], _ body: @escaping () throws -> Void
    ) {
        guard wants(name) else { return }
        compared.append(
            ComparedRow(name: name, iterations: iterations, warmup: warmup, growthOf: growthOf, notes: notes, body: body))
    }

    /// Warms every registered row up, then runs `comparisonRounds` rounds; in each, every row is timed right
    /// after a fresh baseline sample, so a row and its baseline see the same machine. Each row reports the
    /// median of its per-round ratios with their min and max, and its median time over all rounds.
    func runComparisons() throws {
        guard let baseline = baselineRow, wants(baseline.name) || !compared.isEmpty else { return }
        let rows = compared
        let rounds = comparisonRounds
        func sample(_ row: ComparedRow) throws -> [UInt64] {
            let n = iterationOverride ?? row.iterations
            var samples: [UInt64] = []
            samples.reserveCapacity(n)
            for _ in 0..<n {
                let start = DispatchTime.now().uptimeNanoseconds
                try row.body()
                samples.append(DispatchTime.now().uptimeNanoseconds - start)
            }
            return samples
        }
        for row in [baseline] + rows {
            for _ in 0..<(iterationOverride == nil ? row.warmup : 0) { try row.body() }
        }
        var baseSamples: [UInt64] = []
        var baseMedians: [UInt64] = []
        var rowSamples = [[UInt64]](repeating: [], count: rows.count)
        var ratios = [[Double]](repeating: [], count: rows.count)
        for round in 0..<rounds {
            // Rows are visited in turn from a different start each round, so none always follows the same one.
            for k in 0..<max(rows.count, 1) {
                let base = try sample(baseline)
                baseSamples += base
                baseMedians.append(Self.median(base))
                guard !rows.isEmpty else { break }
                let i = (k + round) % rows.count
                let own = try sample(rows[i])
                rowSamples[i] += own
                ratios[i].append(Double(Self.median(own)) / Double(max(Self.median(base), 1)))
            }
            FileHandle.standardError.write(Data("bench: round \(round + 1)/\(rounds) done\n".utf8))
        }
        var base = BenchResult(name: baseline.name, medianNanoseconds: Self.median(baseSamples), iterations: baseSamples.count)
        base.ratio = (1, 1, 1)
        base.extra = [("rounds", Double(rounds)), ("round_median_min_ns", Double(baseMedians.min() ?? 0)),
                      ("round_median_max_ns", Double(baseMedians.max() ?? 0))]
        record(base)
        for (i, row) in rows.enumerated() {
            var result = BenchResult(name: row.name, medianNanoseconds: Self.median(rowSamples[i]), iterations: rowSamples[i].count)
            result.ratio = Self.spread(ratios[i])
            result.extra = [("rounds", Double(rounds))] + row.notes
            if let growth = row.growthOf, let j = rows.firstIndex(where: { $0.name == growth.row }) {
                // Per round: this row's ratio over the smaller row's (both against their own baseline samples).
                let perRound = zip(ratios[i], ratios[j]).map { $0.0 / $0.1 }
                let g = Self.spread(perRound)
                result.extra += [
                    ("growth_over_" + growth.row, (g.median * 100).rounded() / 100),
                    ("growth_min", (g.min * 100).rounded() / 100), ("growth_max", (g.max * 100).rounded() / 100),
                    ("growth_exponent", (log(g.median) / log(growth.factor) * 1000).rounded() / 1000),
                ]
                // The same exponent against the growth of the input itself (repeating instance groups grows the
                // file by less than the factor: the rest of the manifest stays as it is).
                if let mine = row.notes.first(where: { $0.0 == "input_over_1x" })?.1 {
                    let theirs = rows[j].notes.first(where: { $0.0 == "input_over_1x" })?.1 ?? 1
                    if mine > theirs {
                        result.extra.append(("growth_exponent_vs_input", (log(g.median) / log(mine / theirs) * 1000).rounded() / 1000))
                    }
                }
            }
            record(result)
        }
    }

    /// The median (mean of the middle two for an even count), smallest and largest value.
    static func spread(_ values: [Double]) -> (median: Double, min: Double, max: Double) {
        guard !values.isEmpty else { return (0, 0, 0) }
        let sorted = values.sorted()
        let n = sorted.count
        let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        return (median, sorted[0], sorted[n - 1])
    }
}
