import Foundation
import Hummingbird

/// JSON and error responses in the director's shapes.
enum JSONResponse {
    /// `value` as JSON with `status`.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The director's error body `{"code": N, "description": "…"}`.
    static func error(_ status: HTTPResponse.Status, code: Int, _ description: String) -> Response {
        struct Body: Encodable {
            var code: Int
            var description: String
        }
        return make(Body(code: code, description: description), status: status)
    }

    /// The director's 404 for a deployment it does not have (code 70000).
    static func deploymentNotFound(_ name: String) -> Response {
        error(.notFound, code: 70000, "Deployment '\(name)' doesn't exist")
    }

    /// Plain text.
    static func text(_ text: String, status: HTTPResponse.Status = .ok, type: String = "text/plain") -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
