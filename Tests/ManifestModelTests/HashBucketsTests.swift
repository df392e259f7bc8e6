import Testing

@testable import ManifestModel
import BoshKitTestSupport

/// `HashBuckets` against a plain model (an ordered list of (hash, value) pairs), through growth: the diff sizes
/// it for all its values, so only this test makes it grow.
@Suite struct HashBucketsTests {
    @Test func groupsKeepTheirOrderThroughGrowth() throws {
        var r = SplitMix(seed: 0xB0C7)
        for capacity in [0, 1, 3, 8] {
            var buckets = HashBuckets(capacity: capacity)
            var model: [(hash: Int, value: Int)] = []
            // Few distinct hashes (long groups) and some far apart in their high bits only.
            let hashes = (0..<12).map { $0 % 3 == 0 ? $0 << 58 : $0 &* 0x1234_5678_9ABC }
            for value in 0..<300 {
                let hash = r.pick(hashes)
                buckets.add(value, hash: hash)
                model.append((hash, value))
            }
            for hash in hashes + [42] {
                let group = model.filter { $0.hash == hash }.map(\.value)
                var visited: [Int] = []
                let none = try buckets.first(hash: hash) { value throws(DiffError) in
                    visited.append(value)
                    return false
                }
                #expect(none == nil)
                #expect(visited == group, "capacity \(capacity), hash \(hash)")
                // The first value passing a test is the first in the group's order, and nothing after it is tested.
                if group.count > 2 {
                    var tested = 0
                    let found = try buckets.first(hash: hash) { value throws(DiffError) in
                        tested += 1
                        return value == group[2]
                    }
                    #expect(found == group[2])
                    #expect(tested == 3)
                }
            }
        }
    }
}
