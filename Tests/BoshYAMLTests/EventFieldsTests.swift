import CLibYAML
import Testing

@testable import BoshYAML

/// The tree builder reads event styles and start columns at byte offsets it works out itself (``EventFields``);
/// on every event of a document using every style, they must read what the imported C fields read.
@Suite struct EventFieldsTests {
    @Test func offsetsReadWhatTheImportedFieldsRead() throws {
        let text = """
            plain: value
            'single': "double"
            literal: |
              text
            folded: >
              text
            flow: {a: [b, c], "d": 'e'}
            block:
            - x
            -   - deeper:    y

            """
        var parser = yaml_parser_t()
        #expect(yaml_parser_initialize(&parser) == 1)
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        var seen: [yaml_event_type_t: Int] = [:]
        var scalarStyles = Set<UInt32>()
        try bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                #expect(yaml_parser_parse(&parser, &event) == 1)
                defer { yaml_event_delete(&event) }
                let type = event.type
                seen[type, default: 0] += 1
                let column = withUnsafeMutablePointer(to: &event) { EventFields.startColumn($0) }
                #expect(column == UInt32(event.start_mark.column + 1))
                switch type {
                case YAML_SCALAR_EVENT:
                    let style = withUnsafeMutablePointer(to: &event) { EventFields.scalarStyle($0) }
                    #expect(style == event.data.scalar.style.rawValue)
                    scalarStyles.insert(style)
                case YAML_MAPPING_START_EVENT:
                    let style = withUnsafeMutablePointer(to: &event) { EventFields.mappingStyle($0) }
                    #expect(style == event.data.mapping_start.style.rawValue)
                case YAML_SEQUENCE_START_EVENT:
                    let style = withUnsafeMutablePointer(to: &event) { EventFields.sequenceStyle($0) }
                    #expect(style == event.data.sequence_start.style.rawValue)
                case YAML_STREAM_END_EVENT:
                    return
                default:
                    break
                }
            }
        }
        // Every scalar style and both collection styles were met, at columns other than 1.
        #expect(scalarStyles == [1, 2, 3, 4, 5])
        #expect(seen[YAML_MAPPING_START_EVENT, default: 0] >= 3)
        #expect(seen[YAML_SEQUENCE_START_EVENT, default: 0] >= 3)
    }

    /// The offsets are the ones the C layout gives (a mistake in how they are worked out would show here as a
    /// different number, not only as a wrong read).
    @Test func offsetsMatchTheCLayout() {
        #expect(EventFields.scalarStyleOffset == 48)
        #expect(EventFields.mappingStyleOffset == 28)
        #expect(EventFields.sequenceStyleOffset == 28)
        #expect(EventFields.startColumnOffset == 72)
    }
}
