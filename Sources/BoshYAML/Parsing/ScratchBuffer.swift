/// A growable run of plain values that the tree builder writes while it parses.
///
/// Appending checks the capacity and nothing else: no copy-on-write uniqueness check and no exclusivity check,
/// which a `ContiguousArray` stored in the builder paid on every event. It writes either into memory of its own
/// or into the uninitialized capacity of the array that will hold the result (``init(writingInto:)``), moving to
/// memory of its own if that fills up. The buffer cannot be copied, and frees its own memory when it goes away,
/// also when parsing throws.
struct ScratchBuffer<Element: BitwiseCopyable>: ~Copyable {
    /// The first element; valid for `count` elements until the next append.
    private(set) var base: UnsafeMutablePointer<Element>
    /// How many elements it holds.
    private(set) var count = 0
    private var capacity: Int
    /// Whether `base` is memory of its own (else an array's, which it must not free).
    private(set) var ownsMemory: Bool

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
        ownsMemory = true
    }

    /// Writes into `memory` (an array's uninitialized capacity, from
    /// `ContiguousArray(unsafeUninitializedCapacity:initializingWith:)`) until it is full.
    init(writingInto memory: UnsafeMutableBufferPointer<Element>) {
        if let start = memory.baseAddress, memory.count > 0 {
            base = start
            capacity = memory.count
            ownsMemory = false
        } else {
            capacity = 16
            base = .allocate(capacity: capacity)
            ownsMemory = true
        }
    }

    deinit { if ownsMemory { base.deallocate() } }

    /// An element, addressed in place: `buffer[i].field = x` stores one field instead of reading the whole element
    /// and writing it back.
    @inline(__always) subscript(index: Int) -> Element {
        unsafeAddress { UnsafePointer(base + index) }
        nonmutating unsafeMutableAddress { base + index }
    }

    /// The last element (the buffer must not be empty).
    @inline(__always) var last: Element { base[count &- 1] }

    @inline(__always) var isEmpty: Bool { count == 0 }

    /// The elements as a buffer; valid until the next append.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always) mutating func append(_ element: Element) {
        if count == capacity { grow(toHold: count &+ 1) }
        (base + count).initialize(to: element)
        count &+= 1
    }

    /// Appends `length` elements read from `source`.
    @inline(__always) mutating func append(_ source: UnsafePointer<Element>, length: Int) {
        if count &+ length > capacity { grow(toHold: count &+ length) }
        (base + count).initialize(from: source, count: length)
        count &+= length
    }

    /// Drops the last `k` elements.
    @inline(__always) mutating func removeLast(_ k: Int) { count &-= k }

    @inline(never) private mutating func grow(toHold minimum: Int) {
        let newCapacity = Swift.max(capacity * 2, minimum)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        if ownsMemory { base.deallocate() }
        base = newBase
        capacity = newCapacity
        ownsMemory = true
    }

    /// A copy of the elements as an array (one copy of the memory).
    func makeArray() -> ContiguousArray<Element> {
        let source = base
        let n = count
        return ContiguousArray(unsafeUninitializedCapacity: n) { buffer, initialized in
            if n > 0 { buffer.baseAddress!.initialize(from: source, count: n) }
            initialized = n
        }
    }
}

extension ScratchBuffer where Element == UInt8 {
    /// Appends `length` bytes read from `source`. Most scalars are short: up to 16 bytes are moved as two
    /// overlapping words (or bytes), without a call to `memcpy`.
    @inline(__always) mutating func appendBytes(_ source: UnsafePointer<UInt8>, length: Int) {
        guard length <= 16 else { return append(source, length: length) }
        if count &+ length > capacity { grow(toHold: count &+ length) }
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(base + count)
        if length >= 8 {
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
        } else if length >= 4 {
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: length - 4, as: UInt32.self)
        } else {
            for i in 0..<length { to.storeBytes(of: source[i], toByteOffset: i, as: UInt8.self) }
        }
        count &+= length
    }
}
