import CLibYAML

/// A thin owner of a libyaml emitter writing into a byte buffer.
final class LibYAMLEmitter {
    private var emitter = yaml_emitter_t()
    private var event = yaml_event_t()
    private let sink: OutputSink
    private let file: String

    final class OutputSink {
        var bytes: [UInt8] = []
    }

    init(file: String, capacity: Int) throws {
        self.file = file
        sink = OutputSink()
        sink.bytes.reserveCapacity(capacity)
        guard yaml_emitter_initialize(&emitter) == 1 else {
            throw YAMLError(.emit, file: file, mark: nil, message: "cannot initialise the libyaml emitter")
        }
        yaml_emitter_set_unicode(&emitter, 1)
        yaml_emitter_set_output(
            &emitter,
            { context, buffer, size in
                let sink = Unmanaged<OutputSink>.fromOpaque(context!).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                return 1
            }, Unmanaged.passUnretained(sink).toOpaque())
    }

    deinit { yaml_emitter_delete(&emitter) }

    var output: [UInt8] { sink.bytes }

    func streamStart() throws {
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        try emit()
    }

    func streamEnd() throws {
        yaml_stream_end_event_initialize(&event)
        try emit()
    }

    func documentStart(implicit: Bool) throws {
        yaml_document_start_event_initialize(&event, nil, nil, nil, implicit ? 1 : 0)
        try emit()
    }

    func documentEnd() throws {
        yaml_document_end_event_initialize(&event, 1)
        try emit()
    }

    func scalar(_ value: UnsafeBufferPointer<UInt8>, tag: String? = nil, style: yaml_scalar_style_t) throws {
        let implicit: Int32 = tag == nil ? 1 : 0
        let ok: Int32
        if let tag {
            ok = tag.withCString { t in
                yaml_scalar_event_initialize(
                    &event, nil, UnsafeRawPointer(t).assumingMemoryBound(to: UInt8.self),
                    value.baseAddress ?? UnsafePointer(emptyByte), Int32(value.count), implicit, implicit, style)
            }
        } else {
            ok = yaml_scalar_event_initialize(
                &event, nil, nil, value.baseAddress ?? UnsafePointer(emptyByte), Int32(value.count), 1, 1,
                style)
        }
        guard ok == 1 else { throw YAMLError(.emit, file: file, mark: nil, message: "cannot create a scalar event") }
        try emit()
    }

    func scalar(_ value: String, style: yaml_scalar_style_t) throws {
        var value = value
        try value.withUTF8 { try scalar($0, style: style) }
    }

    func sequenceStart(flow: Bool) throws {
        yaml_sequence_start_event_initialize(&event, nil, nil, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE)
        try emit()
    }

    func sequenceEnd() throws {
        yaml_sequence_end_event_initialize(&event)
        try emit()
    }

    func mappingStart(flow: Bool) throws {
        yaml_mapping_start_event_initialize(&event, nil, nil, 1, flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE)
        try emit()
    }

    func mappingEnd() throws {
        yaml_mapping_end_event_initialize(&event)
        try emit()
    }

    private func emit() throws {
        guard yaml_emitter_emit(&emitter, &event) == 1 else {
            let problem = emitter.problem.map { String(cString: $0) } ?? "unknown error"
            throw YAMLError(.emit, file: file, mark: nil, message: "cannot write YAML: \(problem)")
        }
    }
}

nonisolated(unsafe) private let emptyByte: UnsafeMutablePointer<UInt8> = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    p.pointee = 0
    return p
}()
