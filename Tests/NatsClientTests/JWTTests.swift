import Foundation
import NatsClient
import Testing

/// Decentralised (JWT) authentication against a real server in operator mode: operator, account and user nkeys
/// made with `openssl`, JWTs signed by their issuers, the account preloaded into the server's memory resolver.
@Suite("JWT authentication")
struct JWTTests {
    typealias Key = NKeyTests.TestNKey

    /// An operator, an account it signs and a user that account signs.
    struct Chain: Sendable {
        let operatorKey: Key
        let account: Key
        let user: Key
        let operatorJWT: String
        let accountJWT: String
        let userJWT: String

        static func make() throws -> Chain {
            let operatorKey = try Key.generate(prefix: 14 << 3)
            let account = try Key.generate(prefix: 0)
            let user = try Key.generate(prefix: 20 << 3)
            let unlimited: [String: Any] = [
                "subs": -1, "data": -1, "payload": -1, "imports": -1, "exports": -1, "wildcards": true, "conn": -1,
                "leaf": -1,
            ]
            return Chain(
                operatorKey: operatorKey, account: account, user: user,
                operatorJWT: try jwt(
                    subject: operatorKey.publicKey, issuer: operatorKey, nats: ["type": "operator", "version": 2]),
                accountJWT: try jwt(
                    subject: account.publicKey, issuer: operatorKey,
                    nats: ["type": "account", "version": 2, "limits": unlimited]),
                userJWT: try userJWT(for: user, issuer: account))
        }

        static func userJWT(for user: Key, issuer: Key) throws -> String {
            try jwt(
                subject: user.publicKey, issuer: issuer,
                nats: ["type": "user", "version": 2, "pub": [:], "sub": [:], "subs": -1, "data": -1, "payload": -1])
        }

        /// `base64url(header).base64url(claims).base64url(Ed25519 signature of the first two by the issuer)`.
        static func jwt(subject: String, issuer: Key, nats: [String: Any]) throws -> String {
            let header = try JSONSerialization.data(withJSONObject: ["typ": "JWT", "alg": "ed25519-nkey"])
            let claims: [String: Any] = [
                "jti": Key.base32(Array(UUID().uuidString.utf8.prefix(20))), "iat": Int(Date().timeIntervalSince1970),
                "iss": issuer.publicKey, "sub": subject, "name": "boshkit-test", "nats": nats,
            ]
            let body = try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])
            let signed = base64URL(header) + "." + base64URL(body)
            return signed + "." + base64URL(Data(try issuer.sign(Array(signed.utf8))))
        }

        static func base64URL(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }

        var serverConfig: String {
            """
            operator: "\(operatorJWT)"
            resolver: MEMORY
            resolver_preload: { \(account.publicKey): "\(accountJWT)" }
            authorization { timeout: 30 }
            """
        }
    }

    @Test func userJWTSignsTheServerNonce() async throws {
        let chain = try await offPool { try Chain.make() }
        try await withNatsServer(.init(configText: chain.serverConfig)) { server in
            let user = chain.user
            let options = testOptions([server.url]) { $0.authentication = .jwt(chain.userJWT, sign: { try user.sign($0) }) }
            let subscriber = try await NatsClient.connect(options, logger: testLogger)
            let publisher = try await NatsClient.connect(options, logger: testLogger)
            #expect(subscriber.serverInfo.nonce != nil)
            let sub = try await subscriber.subscribe(to: "jwt.hello")
            try await publisher.publish("signed", to: "jwt.hello")
            let received = try await collect(sub, count: 1, within: 10)
            #expect(received.map(\.string) == ["signed"])
            await publisher.close()
            await subscriber.close()
        }
    }

    @Test func noCredentialsWrongSignerOrUnknownAccountAreRefused() async throws {
        let (chain, intruder, stranger) = try await offPool {
            (try Chain.make(), try Key.generate(), try Key.generate(prefix: 0))
        }
        // A user issued by an account the server does not know.
        let orphanJWT = try await offPool { try Chain.userJWT(for: intruder, issuer: stranger) }
        try await withNatsServer(.init(configText: chain.serverConfig)) { server in
            await #expect(throws: NatsError.authorizationViolation) {
                _ = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            }
            let forged = testOptions([server.url]) {
                $0.authentication = .jwt(chain.userJWT, sign: { try intruder.sign($0) })
            }
            await #expect(throws: NatsError.authorizationViolation) {
                _ = try await NatsClient.connect(forged, logger: testLogger)
            }
            let orphan = testOptions([server.url]) {
                $0.authentication = .jwt(orphanJWT, sign: { try intruder.sign($0) })
            }
            await #expect(throws: NatsError.authorizationViolation) {
                _ = try await NatsClient.connect(orphan, logger: testLogger)
            }
        }
    }
}
