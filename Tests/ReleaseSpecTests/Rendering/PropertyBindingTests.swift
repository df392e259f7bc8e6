import ReleaseSpec
import Testing

/// Properties bound with the director's precedence: job over instance group over global, then defaults.
@Suite struct PropertyBindingTests {
    let spec = try! JobSpec(
        bytes: Array(
            """
            name: web
            properties:
              web.port: {default: 8080}
              web.tls.enabled: {default: false}
              log_level: {default: info}
              nats: {description: a whole map}
              tags: {default: {zeta: 1, alpha: {m: 2, b: 3}}}
            """.utf8))

    @Test func defaultsAndNesting() throws {
        let bound = try spec.bindProperties()
        #expect(
            bound.jsonText
                == #"{"web":{"port":8080,"tls":{"enabled":false}},"log_level":"info","nats":null,"tags":{"alpha":{"b":3,"m":2},"zeta":1}}"#
        )
    }

    @Test func instanceGroupMergesOverGlobal() throws {
        let bound = try spec.bindProperties(
            global: ["web": ["port": 1, "tls": ["enabled": true]], "log_level": "debug"],
            instanceGroup: ["web": ["port": 2]])
        #expect(bound["web"]?.jsonText == #"{"port":2,"tls":{"enabled":true}}"#)
        #expect(bound["log_level"] == "debug")
    }

    @Test func jobPropertiesReplaceEverything() throws {
        let bound = try spec.bindProperties(
            global: ["log_level": "debug"], instanceGroup: ["web": ["port": 2]], job: ["nats": ["user": "u"]])
        #expect(bound["web"]?.jsonText == #"{"port":8080,"tls":{"enabled":false}}"#)
        #expect(bound["log_level"] == "info")
        #expect(bound["nats"]?.jsonText == #"{"user":"u"}"#)
    }

    @Test func nullFallsBackToTheDefault() throws {
        let bound = try spec.bindProperties(global: ["log_level": .null])
        #expect(bound["log_level"] == "info")
    }

    @Test func wrongTypeIsAnError() {
        #expect(throws: RenderError.self) { try spec.bindProperties(global: ["web": 5]) }
        do {
            _ = try spec.bindProperties(global: ["web": ["tls": [1, 2]]])
        } catch {
            #expect(error.kind == .invalidPropertyType)
            #expect(error.message == "Property 'web.tls.enabled' expects a hash, but received 'Array'")
        }
    }
}
