extension MaxInFlight {
    /// A count as a number, a percentage as `"30%"`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .count(let n): try c.encode(n)
        case .percent: try c.encode(description)
        }
    }
}

extension WatchTime {
    /// One value as a number, a range as `"1000-30000"`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if isRange { try c.encode(description) } else { try c.encode(lowerBound) }
    }
}

extension ReleaseVersion {
    /// The version text.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension StemcellVersion {
    /// The version text.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Interpolated {
    /// The value, or the `((name))` placeholder.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .value(let v): try v.encode(to: encoder)
        case .variable(let name):
            var c = encoder.singleValueContainer()
            try c.encode("((\(name)))")
        }
    }
}
