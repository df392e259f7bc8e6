import BoshDirectorStore
import Foundation
import Hummingbird
import ManifestModel

/// Configs: the legacy `/cloud_configs`, `/runtime_configs`, `/cpi_configs` (YAML bodies) and `/configs` (JSON,
/// string ids, `expected_latest_id` → 412).
struct ConfigRoutes: Sendable {
    let store: DirectorStore
    /// Bodies larger than this are refused (413).
    static let maximumBody = 16 << 20

    struct ConfigJSON: Encodable {
        var id: String
        var type: String
        var name: String
        var content: String
        var created_at: String
        var team: String?
        var current: Bool

        init(_ config: ConfigRecord, current: Bool) {
            id = "\(config.id)"
            type = config.type
            name = config.name
            content = config.content
            created_at = ConfigRoutes.timestamp(config.createdAt)
            team = config.team
            self.current = current
        }

        enum CodingKeys: String, CodingKey { case id, type, name, content, created_at, team, current }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(type, forKey: .type)
            try c.encode(name, forKey: .name)
            try c.encode(content, forKey: .content)
            try c.encode(created_at, forKey: .created_at)
            try c.encode(team, forKey: .team)
            try c.encode(current, forKey: .current)
        }
    }

    struct DiffJSON: Encodable {
        var diff: [[String?]]
        var from: [String: String]?
    }

    struct ConfigRequest: Decodable {
        struct Side: Decodable {
            var id: String?
            var content: String?
        }
        var type: String?
        var name: String?
        var content: String?
        var expected_latest_id: String?
        var from: Side?
        var to: Side?
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }

    /// The director's diff lines of two YAML texts: `[[line, "added"|"removed"|null]]`.
    static func diff(old: String, new: String) throws -> [[String?]] {
        let diff = try ManifestDiff(old: old, oldFile: "current", new: new, newFile: "new", redact: false)
        return diff.lines.map { [$0.description, $0.state == .unchanged ? nil : $0.state.rawValue] }
    }

    static func name(_ request: Request) -> String {
        let name = request.uri.queryParameters["name"].map(String.init) ?? ""
        return name.isEmpty ? "default" : name
    }

    func add(to router: Router<BasicRequestContext>) {
        for (path, type) in [("cloud_configs", "cloud"), ("runtime_configs", "runtime"), ("cpi_configs", "cpi")] {
            router.get(RouterPath(path)) { request, _ -> Response in
                struct Legacy: Encodable {
                    var properties: String
                    var created_at: String
                }
                let limit = request.uri.queryParameters["limit"].flatMap { Int(String($0)) } ?? 1
                let history = try await store.configs(type: type, name: Self.name(request), history: true).filter { !$0.isDeleted }
                return JSONResponse.make(history.prefix(max(0, limit)).map { Legacy(properties: $0.content, created_at: Self.timestamp($0.createdAt)) })
            }
            router.post(RouterPath(path + "/diff")) { request, _ -> Response in
                let text = String(buffer: try await request.body.collect(upTo: Self.maximumBody))
                let current = try await store.latestConfig(type: type, name: Self.name(request))?.content ?? ""
                do {
                    return JSONResponse.make(DiffJSON(diff: try Self.diff(old: current, new: text), from: nil))
                } catch {
                    return JSONResponse.error(.badRequest, code: 440001, "\(error)")
                }
            }
            router.post(RouterPath(path)) { request, _ -> Response in
                let text = String(buffer: try await request.body.collect(upTo: Self.maximumBody))
                if let problem = Self.yamlProblem(text) { return JSONResponse.error(.badRequest, code: 440001, problem) }
                try await store.updateConfig(type: type, name: Self.name(request), content: text)
                return Response(status: .created)
            }
        }

        router.get("/configs") { request, _ -> Response in
            let query = request.uri.queryParameters
            // `limit` counts versions per type and name (`bosh configs --recent N`), `latest=true` keeps one each.
            let latest = query["latest"].map { $0 != "false" } ?? true
            let limit = latest ? 1 : max(1, query["limit"].flatMap { Int(String($0)) } ?? 1)
            let history = try await store.configs(
                type: query["type"].map(String.init), name: query["name"].map(String.init), history: true
            ).filter { !$0.isDeleted }
            var shown: [String: Int] = [:]
            let configs = history.filter { config in
                let key = config.type + "\u{0}" + config.name
                shown[key, default: 0] += 1
                return shown[key, default: 0] <= limit
            }
            let current = Set(try await store.configs().map(\.id))
            return JSONResponse.make(configs.map { ConfigJSON($0, current: current.contains($0.id)) })
        }
        router.get("/configs/:id") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int.self), let config = try await store.config(id: id) else {
                return JSONResponse.error(.notFound, code: 440012, "Config '\(context.parameters.get("id") ?? "")' not found")
            }
            let current = try await store.latestConfig(type: config.type, name: config.name)?.id == config.id
            return JSONResponse.make(ConfigJSON(config, current: current))
        }
        router.post("/configs") { request, _ -> Response in
            guard let body = try? JSONDecoder().decode(ConfigRequest.self, from: Data(buffer: try await request.body.collect(upTo: Self.maximumBody))),
                let type = body.type, let name = body.name, let content = body.content
            else { return JSONResponse.error(.badRequest, code: 440001, "Config needs 'type', 'name' and 'content'") }
            if let problem = Self.yamlProblem(content) { return JSONResponse.error(.badRequest, code: 440001, problem) }
            let expected = body.expected_latest_id.map { Int($0) ?? -1 }
            do {
                let result = try await store.updateConfig(type: type, name: name, content: content, expectedLatestID: expected)
                return JSONResponse.make(ConfigJSON(result.config, current: true), status: .created)
            } catch let error as StoreError where error.isConflict {
                struct Stale: Encodable {
                    var latest_id: String
                    var expected_latest_id: String
                    var description: String
                }
                let latest = try await store.latestConfig(type: type, name: name).map { "\($0.id)" } ?? "0"
                return JSONResponse.make(
                    Stale(latest_id: latest, expected_latest_id: body.expected_latest_id ?? "", description: error.description),
                    status: .preconditionFailed)
            }
        }
        router.post("/configs/diff") { request, _ -> Response in
            guard let body = try? JSONDecoder().decode(ConfigRequest.self, from: Data(buffer: try await request.body.collect(upTo: Self.maximumBody))) else {
                return JSONResponse.error(.badRequest, code: 440001, "The diff request is not JSON")
            }
            do {
                if let from = body.from, let to = body.to {
                    func content(_ side: ConfigRequest.Side) async throws -> String {
                        if let text = side.content { return text }
                        return try await side.id.flatMap(Int.init).asyncMap { try await store.config(id: $0)?.content } ?? ""
                    }
                    return JSONResponse.make(DiffJSON(diff: try Self.diff(old: try await content(from), new: try await content(to)), from: nil))
                }
                guard let type = body.type, let name = body.name, let content = body.content else {
                    return JSONResponse.error(.badRequest, code: 440001, "Config diff needs 'type', 'name' and 'content'")
                }
                let latest = try await store.latestConfig(type: type, name: name)
                return JSONResponse.make(
                    DiffJSON(diff: try Self.diff(old: latest?.content ?? "", new: content), from: ["id": latest.map { "\($0.id)" } ?? "0"]))
            } catch let error as StoreError {
                throw error
            } catch {
                return JSONResponse.error(.badRequest, code: 440001, "\(error)")
            }
        }
        router.delete("/configs") { request, _ -> Response in
            guard let type = request.uri.queryParameters["type"].map(String.init) else {
                return JSONResponse.error(.badRequest, code: 440001, "Deleting configs needs 'type' (and 'name')")
            }
            let name = request.uri.queryParameters["name"].map(String.init) ?? "default"
            return try await store.deleteConfig(type: type, name: name)
                ? Response(status: .noContent) : JSONResponse.error(.notFound, code: 440012, "No config '\(type)/\(name)'")
        }
        router.delete("/configs/:id") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int.self), let config = try await store.config(id: id),
                try await store.deleteConfig(type: config.type, name: config.name)
            else { return JSONResponse.error(.notFound, code: 440012, "Config '\(context.parameters.get("id") ?? "")' not found") }
            return Response(status: .noContent)
        }
    }

    /// Why `text` is not a YAML document the director accepts, or `nil`.
    static func yamlProblem(_ text: String) -> String? {
        do {
            _ = try ManifestDiff(old: "", new: text, redact: false)
            return nil
        } catch {
            return "Config is not valid YAML: \(error)"
        }
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
