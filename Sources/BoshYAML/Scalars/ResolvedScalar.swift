/// A scalar's value as Go's yaml.v2 resolves it when decoding into `interface{}`.
public enum ResolvedScalar: Hashable, Sendable {
    /// null.
    case null
    /// A boolean.
    case bool(Bool)
    /// A signed integer.
    case int(Int64)
    /// An unsigned integer above `Int64.max`.
    case uint(UInt64)
    /// A float (including infinities and NaN).
    case float(Double)
    /// A string; timestamps stay strings, as in yaml.v2.
    case string(String)
}
