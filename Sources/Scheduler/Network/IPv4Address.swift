/// An IPv4 address, stored as its 32-bit value so ranges and sets are plain integer arithmetic.
public struct IPv4Address: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The address as a big-endian 32-bit number (`10.0.0.1` is `0x0A000001`).
    public let value: UInt32

    /// Wraps a 32-bit value.
    public init(_ value: UInt32) { self.value = value }

    /// Parses dotted-quad text (`10.0.0.1`); `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        var value: UInt32 = 0
        var octets = 0
        var current: UInt32 = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, octets < 3 else { return nil }
                value = value << 8 | current
                octets += 1
                current = 0
                digits = 0
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                current = current * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 3, current <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, octets == 3 else { return nil }
        self.value = value << 8 | current
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }

    /// Dotted-quad text.
    public var description: String {
        "\(value >> 24).\(value >> 16 & 0xff).\(value >> 8 & 0xff).\(value & 0xff)"
    }

    public init(from decoder: any Decoder) throws {
        self = try TextCoding.decode(from: decoder, expected: "an IPv4 address", { IPv4Address($0) })
    }

    public func encode(to encoder: any Encoder) throws { try TextCoding.encode(self, to: encoder) }
}

/// Codable as text (`"10.0.0.1"`, `"30%"`, `"1000-30000"`), for values with a text form.
enum TextCoding {
    static func decode<T>(from decoder: any Decoder, expected: String, _ parse: (String) -> T?) throws -> T {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected \(expected), got '\(text)'"))
        }
        return value
    }

    static func encode(_ value: some CustomStringConvertible, to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value.description)
    }
}

/// A CIDR block (`10.0.0.0/24`).
struct CIDR: Hashable, Sendable {
    var first: IPv4Address
    var last: IPv4Address
    var prefix: Int

    /// Parses `a.b.c.d/n`; the address is masked to the network (as the director's `NetAddr` does).
    init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPv4Address(parts[0].trimmed), let prefix = Int(parts[1].trimmed),
            (0...32).contains(prefix)
        else { return nil }
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - prefix)
        first = IPv4Address(address.value & mask)
        last = IPv4Address(address.value | ~mask)
        self.prefix = prefix
    }

    var range: ClosedRange<IPv4Address> { first...last }
    var count: UInt64 { UInt64(last.value - first.value) + 1 }
}

extension StringProtocol {
    var trimmed: Substring {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
