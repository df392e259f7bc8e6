extension TreeBuilder {
    /// Closes a mapping: applies merge keys (yaml.v2: entries are set in order, a merged sequence from its
    /// last map to its first) and rejects a key defined twice, naming both lines. Its keys are searched for a
    /// merge key only if `mayHaveMergeKey` (the builder saw one go by).
    mutating func finishMapping(_ frameNode: Int32, pendingStart: Int, mayHaveMergeKey: Bool) throws {
        let pending = self.pending.base
        let end = self.pending.count
        var hasMerge = false
        var i = pendingStart
        while mayHaveMergeKey && i < end {
            if isMergeKey(pending[i]) {
                hasMerge = true
                break
            }
            i += 2
        }
        let start = childIDs.count
        if !hasMerge {
            try checkDuplicates(pending, from: pendingStart, to: end)
            childIDs.append(pending + pendingStart, length: end - pendingStart)
        } else {
            var result: [(key: Int32, value: Int32, merged: Bool)] = []
            var i = pendingStart
            while i < end {
                let k = pending[i]
                let v = pending[i + 1]
                if isMergeKey(k) {
                    try merge(v, into: &result, mergeKey: k)
                } else {
                    try set(k, v, merged: false, into: &result)
                }
                i += 2
            }
            for entry in result {
                childIDs.append(entry.key)
                childIDs.append(entry.value)
            }
        }
        nodes[Int(frameNode)].start = UInt32(start)
        nodes[Int(frameNode)].count = UInt32(childIDs.count - start)
    }

    func isMergeKey(_ id: Int32) -> Bool {
        let n = nodes[Int(id)]
        guard n.kind == .scalar, n.count == 2 else { return false }
        guard n.tag == .merge || (n.tag == .none && n.style == YAMLStyle.plain.rawValue) else { return false }
        return bytes[Int(n.start)] == UInt8(ascii: "<") && bytes[Int(n.start) + 1] == UInt8(ascii: "<")
    }

    private mutating func merge(
        _ value: Int32, into result: inout [(key: Int32, value: Int32, merged: Bool)], mergeKey: Int32
    ) throws {
        let node = nodes[Int(value)]
        switch node.kind {
        case .mapping:
            try mergeMapping(node, into: &result)
        case .sequence:
            var j = Int(node.start + node.count) - 1
            while j >= Int(node.start) {
                let item = nodes[Int(childIDs[j])]
                guard item.kind == .mapping else { throw mergeError(mergeKey) }
                try mergeMapping(item, into: &result)
                j -= 1
            }
        case .scalar:
            throw mergeError(mergeKey)
        }
    }

    private mutating func mergeMapping(
        _ node: RawNode, into result: inout [(key: Int32, value: Int32, merged: Bool)]
    ) throws {
        var j = Int(node.start)
        while j < Int(node.start + node.count) {
            try set(childIDs[j], childIDs[j + 1], merged: true, into: &result)
            j += 2
        }
    }

    private func mergeError(_ key: Int32) -> YAMLError {
        YAMLError(
            .mergeNotMap, file: file, mark: mark(of: key),
            message: "map merge requires map or sequence of maps as the value")
    }

    private func set(
        _ key: Int32, _ value: Int32, merged: Bool, into result: inout [(key: Int32, value: Int32, merged: Bool)]
    ) throws {
        if let j = result.firstIndex(where: { keysEqual($0.key, key) }) {
            if !merged && !result[j].merged { throw duplicateError(first: result[j].key, second: key) }
            result[j].value = value
            result[j].merged = merged
        } else {
            result.append((key, value, merged))
        }
    }

    private func checkDuplicates(_ pending: UnsafeMutablePointer<Int32>, from start: Int, to end: Int) throws {
        let pairs = (end - start) / 2
        if pairs < 2 { return }
        if pairs <= 24 {
            // Every pair of keys, in order; only keys with the same fingerprint can be equal, so most pairs cost
            // one integer comparison.
            try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: pairs) { prints in
                for p in 0..<pairs { prints[p] = keyFingerprint(pending[start + 2 * p]) }
                for a in 0..<pairs {
                    let fa = prints[a]
                    var b = a + 1
                    while b < pairs {
                        if prints[b] == fa {
                            let ka = pending[start + 2 * a]
                            let kb = pending[start + 2 * b]
                            if keysEqual(ka, kb) { throw duplicateError(first: ka, second: kb) }
                        }
                        b += 1
                    }
                }
            }
            return
        }
        var hashed: [(hash: Int, key: Int32)] = []
        hashed.reserveCapacity(pairs)
        var a = start
        while a < end {
            hashed.append((keyHash(pending[a]), pending[a]))
            a += 2
        }
        hashed.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.key < $1.key }
        var k = 0
        while k < hashed.count {
            var m = k + 1
            while m < hashed.count && hashed[m].hash == hashed[k].hash {
                for p in k..<m where keysEqual(hashed[p].key, hashed[m].key) {
                    throw duplicateError(first: hashed[p].key, second: hashed[m].key)
                }
                m += 1
            }
            k = m
        }
    }

    /// A key's fingerprint: keys that ``keysEqual(_:_:)`` finds equal have the same one. A string scalar's
    /// comes from its length and its first and last bytes; every other scalar has one shared fingerprint (`1` and
    /// `0x1` are one key); a collection's is its id (it equals only itself).
    private func keyFingerprint(_ id: Int32) -> UInt64 {
        let n = nodes[Int(id)]
        guard n.kind == .scalar else { return 1 << 63 | UInt64(UInt32(bitPattern: id)) }
        guard n.resolved == .string else { return 1 << 62 }
        let count = Int(n.count)
        var print = UInt64(n.count) << 40
        if count > 0 {
            let b = bytes.base
            let first = Int(n.start)
            let last = first + count - 1
            print |= UInt64(b[first]) << 32 | UInt64(b[last]) << 24 | UInt64(b[first + count / 2]) << 16
            if count > 2 { print |= UInt64(b[first + 1]) << 8 | UInt64(b[last - 1]) }
        }
        return print
    }

    private func duplicateError(first: Int32, second: Int32) -> YAMLError {
        let f = mark(of: first)
        let n = nodes[Int(second)]
        let text = String(decoding: UnsafeBufferPointer(start: bytes.base + Int(n.start), count: n.kind == .scalar ? Int(n.count) : 0), as: UTF8.self)
        return YAMLError(
            .duplicateKey, file: file, mark: mark(of: second),
            message: "mapping key \"\(text)\" already defined at line \(f.line), column \(f.column)")
    }

    /// Two keys are the same when they decode to the same value (`1` and `0x1` are one key; `"1"` is not).
    @inline(__always) func keysEqual(_ a: Int32, _ b: Int32) -> Bool {
        if a == b { return true }
        let na = nodes[Int(a)]
        let nb = nodes[Int(b)]
        guard na.kind == .scalar, nb.kind == .scalar else { return false }
        if na.resolved == .string && nb.resolved == .string {
            guard na.count == nb.count else { return false }
            return na.count == 0 || memcmpBytes(bytes.base + Int(na.start), bytes.base + Int(nb.start), Int(na.count))
        }
        if na.resolved == .string || nb.resolved == .string { return false }
        return resolvedValuesEqual(na, nb)
    }

    @inline(never) private func resolvedValuesEqual(_ a: RawNode, _ b: RawNode) -> Bool {
        resolvedValue(a) == resolvedValue(b)
    }

    private func keyHash(_ id: Int32) -> Int {
        let n = nodes[Int(id)]
        var hasher = Hasher()
        if n.kind == .scalar && n.resolved != .string {
            hasher.combine(resolvedValue(n))
        } else {
            let length = n.kind == .scalar ? Int(n.count) : 0
            hasher.combine(bytes: UnsafeRawBufferPointer(start: bytes.base + Int(n.start), count: length))
        }
        return hasher.finalize()
    }

    /// A scalar's value, as ``YAMLTree/resolved(_:)`` gives it.
    private func resolvedValue(_ node: RawNode) -> ResolvedScalar? {
        ResolvedScalar(node, bytes: UnsafeBufferPointer(start: bytes.base, count: bytes.count))
    }

    func mark(of id: Int32) -> SourceMark {
        let n = nodes[Int(id)]
        return SourceMark(line: Int(n.line), column: Int(n.column))
    }
}
