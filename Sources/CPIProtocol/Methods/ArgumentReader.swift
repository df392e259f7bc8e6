/// Reads positional arguments (or a result) with error messages that name the method, position and parameter.
struct ArgumentReader {
    let method: CPIMethod
    let values: [JSONValue]

    init(_ method: CPIMethod, _ values: [JSONValue]) {
        self.method = method
        self.values = values
    }

    func value(_ index: Int, _ name: String) throws(CPIError) -> JSONValue {
        guard index < values.count else {
            throw .cpiError(
                message: "Invalid arguments for '\(method)': missing argument \(index + 1) (\(name)); got \(values.count) argument\(values.count == 1 ? "" : "s")"
            )
        }
        return values[index]
    }

    func mistyped(_ index: Int, _ name: String, _ expected: String, _ got: JSONValue) -> CPIError {
        .cpiError(
            message: "Invalid arguments for '\(method)': argument \(index + 1) (\(name)) must be \(expected), got \(got.kindDescription)"
        )
    }

    func string(_ index: Int, _ name: String) throws(CPIError) -> String {
        let value = try value(index, name)
        guard let string = value.stringValue else { throw mistyped(index, name, "a string", value) }
        return string
    }

    func optionalString(_ index: Int, _ name: String) throws(CPIError) -> String? {
        guard index < values.count, !values[index].isNull else { return nil }
        return try string(index, name)
    }

    func int(_ index: Int, _ name: String) throws(CPIError) -> Int {
        let value = try value(index, name)
        guard let int = value.intValue else { throw mistyped(index, name, "an integer", value) }
        return int
    }

    func object(_ index: Int, _ name: String) throws(CPIError) -> [String: JSONValue] {
        let value = try value(index, name)
        guard let object = value.objectValue else { throw mistyped(index, name, "an object", value) }
        return object
    }

    /// An object that may be absent or `null` (treated as empty).
    func lenientObject(_ index: Int, _ name: String) throws(CPIError) -> [String: JSONValue] {
        guard index < values.count, !values[index].isNull else { return [:] }
        return try object(index, name)
    }

    func strings(_ index: Int, _ name: String) throws(CPIError) -> [String] {
        let value = try value(index, name)
        if value.isNull { return [] }
        guard let array = value.arrayValue else { throw mistyped(index, name, "an array of strings", value) }
        var strings: [String] = []
        strings.reserveCapacity(array.count)
        for element in array {
            guard let string = element.stringValue else { throw mistyped(index, name, "an array of strings", value) }
            strings.append(string)
        }
        return strings
    }
}

/// Reads a result value with error messages naming the method.
struct ResultReader {
    let method: CPIMethod

    init(_ method: CPIMethod) { self.method = method }

    func mistyped(_ expected: String, _ got: JSONValue) -> CPIError {
        .cpiError(message: "Invalid result of '\(method)': expected \(expected), got \(got.kindDescription)")
    }

    func string(_ value: JSONValue) throws(CPIError) -> String {
        guard let string = value.stringValue else { throw mistyped("a string", value) }
        return string
    }

    func bool(_ value: JSONValue) throws(CPIError) -> Bool {
        guard let bool = value.boolValue else { throw mistyped("a boolean", value) }
        return bool
    }

    func object(_ value: JSONValue) throws(CPIError) -> [String: JSONValue] {
        guard let object = value.objectValue else { throw mistyped("an object", value) }
        return object
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// The object as a ``JSONValue``.
    var json: JSONValue { .object(self) }
}

extension Array where Element == String {
    /// The strings as a JSON array.
    var json: JSONValue { .array(map(JSONValue.string)) }
}
