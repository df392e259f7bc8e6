import Hummingbird

/// `GET /info`: open to everyone; `user` is the authenticated user or `null` (never 401).
struct InfoRoutes: Sendable {
    let api: DirectorAPI

    struct Info: Encodable {
        struct Authentication: Encodable {
            var type = "basic"
            var options: [String: String] = [:]
        }
        struct Feature: Encodable {
            var status: Bool
            var extras: [String: String] = [:]
        }
        var name: String
        var uuid: String
        var version: String
        var user: String?
        var cpi: String
        var user_authentication = Authentication()
        var features: [String: Feature]

        enum CodingKeys: String, CodingKey { case name, uuid, version, user, cpi, user_authentication, features }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(uuid, forKey: .uuid)
            try c.encode(version, forKey: .version)
            try c.encode(user, forKey: .user)  // null, not absent
            try c.encode(cpi, forKey: .cpi)
            try c.encode(user_authentication, forKey: .user_authentication)
            try c.encode(features, forKey: .features)
        }
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/info") { request, _ -> Response in
            let user = BasicAuthentication<BasicRequestContext>.user(
                of: request, user: api.credentials.user, password: api.credentials.password)
            return JSONResponse.make(
                Info(
                    name: api.name, uuid: api.store.uuid, version: DirectorAPI.version, user: user, cpi: api.cpi,
                    features: [
                        "local_dns": .init(status: false), "power_dns": .init(status: false),
                        "compiled_package_cache": .init(status: false), "snapshots": .init(status: false),
                        "config_server": .init(status: false),
                    ]))
        }
    }
}
