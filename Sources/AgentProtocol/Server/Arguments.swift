import BoshJSON

/// Reads a request's positional arguments, failing with ``AgentError/Code/invalidArguments``.
struct Arguments {
    let method: AgentMethod
    let values: [JSONValue]

    /// The argument at `index`, decoded as `T`.
    func required<T: Decodable>(_ index: Int, _ type: T.Type) throws -> T {
        guard index < values.count else {
            throw AgentError(.invalidArguments, method: method, detail: "argument \(index + 1) is missing")
        }
        return try decode(index, type)
    }

    /// The argument at `index` decoded as `T`, or `nil` when absent or `null`.
    func optional<T: Decodable>(_ index: Int, _ type: T.Type) throws -> T? {
        guard index < values.count, values[index] != .null else { return nil }
        return try decode(index, type)
    }

    private func decode<T: Decodable>(_ index: Int, _ type: T.Type) throws -> T {
        do {
            return try AgentJSON.decode(type, from: values[index])
        } catch {
            throw AgentError(
                .invalidArguments, method: method, detail: "argument \(index + 1): \(AgentJSON.describe(error))")
        }
    }
}
