/// The director's redactor, applied as marks on one side: a map entry whose key is `properties` or `bosh`
/// and whose value is a map has every scalar beneath it shown as `<redacted>` (keys and list lengths stay);
/// top-level `releases[].url` credentials are replaced in the text.
enum Redaction {
    static func apply(to document: DiffDocument) throws(DiffError) {
        walk(document, document.root)
        try redactReleaseURLs(document)
    }

    /// `redact_known_key_properties!`: maps look at each entry; lists descend into map elements, and into the
    /// last element of a nested list (Ruby's `item.last`).
    private static func walk(_ doc: DiffDocument, _ ref: Int32) {
        switch doc.kind(ref) {
        case .scalar: return
        case .mapping:
            for i in 0..<doc.count(ref) {
                let (k, v) = doc.entry(ref, i)
                if doc.kind(v) == .mapping && isRedactedKey(doc, k) {
                    markAll(doc, v)
                } else if doc.kind(v) != .scalar {
                    walk(doc, v)
                }
            }
        case .sequence:
            for i in 0..<doc.count(ref) {
                let item = doc.item(ref, i)
                if doc.kind(item) == .sequence {
                    let n = doc.count(item)
                    if n > 0 { walk(doc, doc.item(item, n - 1)) }
                } else if doc.kind(item) != .scalar {
                    walk(doc, item)
                }
            }
        }
    }

    private static func isRedactedKey(_ doc: DiffDocument, _ key: Int32) -> Bool {
        guard doc.kind(key) == .scalar,
            ValueComparison.textIs(doc, key, "properties") || ValueComparison.textIs(doc, key, "bosh")
        else { return false }
        if doc.stringBytes(key) != nil { return true }  // loads as its own bytes
        return (try? doc.scalar(key)) == .string(doc.rawText(key))
    }

    /// `redact_values!`: every collection below is marked, so all its scalars print redacted.
    private static func markAll(_ doc: DiffDocument, _ ref: Int32) {
        guard doc.kind(ref) != .scalar, !doc.isRedacted(ref) else { return }
        doc.markRedacted(ref)
        let isMap = doc.kind(ref) == .mapping
        for i in 0..<doc.count(ref) {
            let child = isMap ? doc.entry(ref, i).value : doc.item(ref, i)
            if doc.kind(child) != .scalar { markAll(doc, child) }
        }
    }

    private static func redactReleaseURLs(_ doc: DiffDocument) throws(DiffError) {
        guard let releases = try doc.value(doc.root, forStringKey: "releases"), doc.kind(releases) == .sequence else {
            return
        }
        for i in 0..<doc.count(releases) {
            let release = doc.item(releases, i)
            guard doc.kind(release) == .mapping, let url = try doc.value(release, forStringKey: "url"),
                doc.kind(url) == .scalar
            else { continue }
            // A URL without `@` has no credentials (read from its bytes when it loads as itself).
            if let bytes = doc.stringBytes(url), !bytes.contains(UInt8(ascii: "@")) { continue }
            guard case .string(let text) = try doc.scalar(url) else { continue }
            if let redacted = redactBasicAuth(text) { doc.redactURL(url, as: redacted) }
        }
    }

    /// The URL with its user and password replaced (each at its first occurrence in the text, as Ruby's
    /// `String#sub!` does), or `nil` when it has no credentials or does not parse as an RFC 3986 URI.
    static func redactBasicAuth(_ url: String) -> String? {
        guard let (user, password) = userInfo(url) else { return nil }
        var result = url
        for part in [user, password].compactMap({ $0 }) {
            if part.isEmpty {
                result = DiffDocument.redactedText + result
            } else if let r = result.firstRange(of: part) {
                result.replaceSubrange(r, with: DiffDocument.redactedText)
            }
        }
        return result == url ? nil : result
    }

    private static func userInfo(_ url: String) -> (String?, String?)? {
        let u = Array(url.utf8)
        guard u.allSatisfy(isURIByte), let colon = u.firstIndex(of: UInt8(ascii: ":")), colon > 0,
            isAlpha(u[0]), u[1..<colon].allSatisfy({ isAlpha($0) || isDigit($0) || $0 == 43 || $0 == 45 || $0 == 46 })
        else { return nil }
        let rest = u[(colon + 1)...]
        guard rest.starts(with: [47, 47]) else { return nil }
        let authorityStart = rest.startIndex + 2
        let authorityEnd = rest[authorityStart...].firstIndex { $0 == 47 || $0 == 63 || $0 == 35 } ?? u.endIndex
        let authority = u[authorityStart..<authorityEnd]
        guard let at = authority.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        let info = authority[authority.startIndex..<at]
        let host = authority[(at + 1)...]
        guard !host.contains(UInt8(ascii: "@")), info.allSatisfy({ $0 != 91 && $0 != 93 }) else { return nil }
        if info.isEmpty { return nil }
        if let c = info.firstIndex(of: UInt8(ascii: ":")) {
            return (String(decoding: info[info.startIndex..<c], as: UTF8.self), String(decoding: info[(c + 1)...], as: UTF8.self))
        }
        return (String(decoding: info, as: UTF8.self), nil)
    }

    private static func isAlpha(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Characters RFC 3986 allows anywhere in a URI (unreserved, reserved and `%`).
    private static func isURIByte(_ c: UInt8) -> Bool {
        if isAlpha(c) || isDigit(c) { return true }
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"),
            UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","),
            UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "%"):
            return true
        default: return false
        }
    }
}
