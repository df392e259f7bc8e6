extension MaxInFlight: Decodable {
    /// Reads a count (number or text) or a percentage (`"30%"`), e.g. from JSON.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self), n >= 0 {
            self = .count(n)
        } else if let v = MaxInFlight(try c.decode(String.self)) {
            self = v
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a count or a percentage"))
        }
    }

    /// A count as a number, a percentage as `"30%"`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .count(let n): try c.encode(n)
        case .percent: try c.encode(description)
        }
    }
}

extension WatchTime: Decodable {
    /// Reads milliseconds (number or text) or a range (`"1000-30000"`), e.g. from JSON.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self), n >= 0 {
            self.init(milliseconds: n)
        } else if let v = WatchTime(try c.decode(String.self)) {
            self = v
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected milliseconds or a range"))
        }
    }

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
