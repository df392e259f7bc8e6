/// yaml.v2's timestamp check (resolve.go `parseTimestamp`): four digits and `-`, then one of the layouts
/// `2006-1-2T15:4:5.999999999Z07:00` (`T` or `t`), `2006-1-2 15:4:5.999999999` or `2006-1-2`, with Go's
/// field ranges. yaml.v2 keeps such scalars as strings but quotes them when it writes them.
enum GoTimestamp {
    static func matches(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = s.count
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        func number(maxDigits: Int) -> Int? {
            var v = 0
            let start = i
            while i < n, i - start < maxDigits, isDigit(s[i]) {
                v = v * 10 + Int(s[i] - 48)
                i += 1
            }
            return i == start ? nil : v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < n, s[i] == c else { return false }
            i += 1
            return true
        }
        guard n >= 8 else { return false }
        for k in 0..<4 where !isDigit(s[k]) { return false }
        guard s[4] == UInt8(ascii: "-") else { return false }
        let year = Int(s[0] - 48) * 1000 + Int(s[1] - 48) * 100 + Int(s[2] - 48) * 10 + Int(s[3] - 48)
        i = 5
        guard let month = number(maxDigits: 2), (1...12).contains(month), expect(UInt8(ascii: "-")),
            let day = number(maxDigits: 2), day >= 1, day <= daysIn(month: month, year: year)
        else { return false }
        if i == n { return true }
        let separator = s[i]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
        else { return false }
        i += 1
        guard let hour = number(maxDigits: 2), hour < 24, expect(UInt8(ascii: ":")),
            let minute = number(maxDigits: 2), minute < 60, expect(UInt8(ascii: ":")),
            let second = number(maxDigits: 2), second < 60
        else { return false }
        if i < n && s[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < n && isDigit(s[i]) { i += 1 }
            if i == start { return false }
        }
        if separator == UInt8(ascii: " ") { return i == n }
        guard i < n else { return false }
        if s[i] == UInt8(ascii: "Z") { return i + 1 == n }
        guard s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard i + 5 == n, isDigit(s[i]), isDigit(s[i + 1]), s[i + 2] == UInt8(ascii: ":"), isDigit(s[i + 3]),
            isDigit(s[i + 4])
        else { return false }
        let zh = Int(s[i] - 48) * 10 + Int(s[i + 1] - 48)
        let zm = Int(s[i + 3] - 48) * 10 + Int(s[i + 4] - 48)
        return zh < 24 && zm < 60
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
