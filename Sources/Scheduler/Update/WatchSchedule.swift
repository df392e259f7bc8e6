import ManifestModel

/// When the director checks whether an updated instance is running (`instance_updater`'s state wait):
/// first after the lower bound, then every `step` until the upper bound, where
/// `step = clamp((max - min) / 9, 1 s, 15 s)`.
///
/// `1000-30000` gives 1000 ms, then 9 × 3222.2 ms; `5000` gives one wait of 5000 ms.
public struct WatchSchedule: Sendable, Hashable {
    /// The waits, in order; after each one the instance's state is checked.
    public let waits: [Duration]

    /// The schedule for `watchTime`.
    public init(_ watchTime: WatchTime) {
        let low = Double(watchTime.lowerBound)
        let high = Double(watchTime.upperBound)
        var waits: [Duration] = [.milliseconds(watchTime.lowerBound)]
        if high > low {
            let step = min(max((high - low) / 9, 1000), 15000)
            let count = Int(((high - low) / step).rounded(.down))
            waits += Array(repeating: .microseconds(Int64((step * 1000).rounded())), count: count)
        }
        self.waits = waits
    }
}
