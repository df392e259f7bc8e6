import Foundation
import NatsClient
import Testing

/// nkey authentication against a real server: an Ed25519 key made with `openssl`, encoded as a NATS user nkey,
/// and a signer that signs the server's nonce with `openssl pkeyutl`.
@Suite("nkey authentication")
struct NKeyTests {
    struct TestNKey: Sendable {
        let publicKey: String
        let keyFile: String

        /// A key pair whose public key carries `prefix` (`20 << 3` user `U…`, `0` account `A…`, `14 << 3` operator `O…`).
        static func generate(prefix: UInt8 = 20 << 3) throws -> TestNKey {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nkey-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let keyFile = dir + "/user.pem"
            _ = try run(["genpkey", "-algorithm", "ed25519", "-out", keyFile])
            let der = try run(["pkey", "-in", keyFile, "-pubout", "-outform", "DER"])
            return TestNKey(publicKey: encodeKey(Array(der.suffix(32)), prefix: prefix), keyFile: keyFile)
        }

        func sign(_ nonce: [UInt8]) throws -> [UInt8] {
            let input = keyFile + ".nonce-\(UUID().uuidString)"
            try Data(nonce).write(to: URL(fileURLWithPath: input))
            defer { try? FileManager.default.removeItem(atPath: input) }
            return Array(try Self.run(["pkeyutl", "-sign", "-rawin", "-inkey", keyFile, "-in", input]))
        }

        static func run(_ arguments: [String]) throws -> Data {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }

        /// NATS nkey text: base32 (RFC 4648, no padding) of the prefix byte, key, CRC-16/XMODEM (LE).
        static func encodeKey(_ key: [UInt8], prefix: UInt8) -> String {
            var raw: [UInt8] = [prefix] + key
            raw += crc16(raw)
            return base32(raw)
        }

        static func crc16(_ bytes: [UInt8]) -> [UInt8] {
            var crc: UInt16 = 0
            for byte in bytes {
                crc ^= UInt16(byte) << 8
                for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
            }
            return [UInt8(crc & 0xFF), UInt8(crc >> 8)]
        }

        /// RFC 4648 base32 without padding.
        static func base32(_ raw: [UInt8]) -> String {
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
            var out = ""
            var buffer = 0
            var bits = 0
            for byte in raw {
                buffer = (buffer << 8) | Int(byte)
                bits += 8
                while bits >= 5 {
                    out.append(alphabet[(buffer >> (bits - 5)) & 31])
                    bits -= 5
                }
            }
            if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
            return out
        }
    }

    @Test func nkeySignsTheServerNonce() async throws {
        let user = try await offPool { try TestNKey.generate() }
        let intruder = try await offPool { try TestNKey.generate() }
        // A generous auth timeout: the signer runs `openssl`, which is slow on a loaded machine.
        let config = "authorization { timeout: 30, users = [{ nkey: \(user.publicKey) }] }"
        try await withNatsServer(.init(configText: config)) { server in
            let options = testOptions([server.url]) {
                $0.authentication = .nkey(publicKey: user.publicKey, sign: { try user.sign($0) })
            }
            let client = try await NatsClient.connect(options, logger: testLogger)
            #expect(client.serverInfo.nonce != nil)
            try await client.flush()
            await client.close()

            let forged = testOptions([server.url]) {
                $0.authentication = .nkey(publicKey: user.publicKey, sign: { try intruder.sign($0) })
            }
            await #expect(throws: NatsError.authorizationViolation) {
                _ = try await NatsClient.connect(forged, logger: testLogger)
            }
        }
    }
}
