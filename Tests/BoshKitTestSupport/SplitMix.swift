import Scheduler

/// The seeded generator of randomized tests: the Scheduler's SplitMix64 (`SeededGenerator`), so a failure replays
/// from its seed.
public typealias SplitMix = SeededGenerator

extension SeededGenerator {
    /// A number in `0..<n` (`n` > 0), the generator's next value modulo `n`.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// One of `items` (not empty).
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
