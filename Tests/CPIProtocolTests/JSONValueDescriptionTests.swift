import CPIProtocol
import Foundation
import Testing

/// `JSONValue` prints the JSON it stands for (BoshJSON, re-exported by CPIProtocol).
@Suite struct JSONValueDescriptionTests {
    @Test func printsCompactJSONWithSortedKeys() {
        let value: JSONValue = ["b": [1, 2.5, "x", nil, true], "a": ["nested": [:]], "c": []]
        #expect("\(value)" == #"{"a":{"nested":{}},"b":[1,2.5,"x",null,true],"c":[]}"#)
        #expect(String(describing: JSONValue.string("a")) == #""a""#)
        #expect(JSONValue.null.description == "null")
    }

    @Test func escapesStringsAsJSON() throws {
        let value = JSONValue.string("quote \" backslash \\ newline \n tab \t bell \u{07} é")
        #expect(value.description == #""quote \" backslash \\ newline \n tab \t bell \u0007 é""#)
        // The description is JSON that decodes back to the same value.
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(value.description.utf8))
        #expect(decoded == value)
        let object: JSONValue = ["key \"k\"": ["list": [1, -2, 0.125]]]
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(object.description.utf8)) == object)
    }
}
