import Foundation
import Hummingbird

/// HTTP basic authentication as the director does it for local users: every path but `GET /info` needs the
/// user and password; a request without them, or with wrong ones, gets 401 with
/// `WWW-Authenticate: Basic realm="BOSH Director"` and the body `Not authorized: '<path>'`.
struct BasicAuthentication<Context: RequestContext>: RouterMiddleware {
    let user: String
    let password: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .get, request.uri.path == "/info" { return try await next(request, context) }
        guard Self.user(of: request, user: user, password: password) != nil else {
            var response = JSONResponse.text("Not authorized: '\(request.uri.path)'\n", status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Basic realm=\"BOSH Director\""
            return response
        }
        return try await next(request, context)
    }

    /// The user name when `request` carries the right basic credentials.
    static func user(of request: Request, user: String, password: String) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        let (givenUser, givenPassword) = (String(text[..<colon]), String(text[text.index(after: colon)...]))
        // Compared in full whatever the first difference, so timing says nothing of the password.
        let expected = Array("\(user):\(password)".utf8)
        let given = Array("\(givenUser):\(givenPassword)".utf8)
        var difference = expected.count ^ given.count
        for index in 0..<max(expected.count, given.count) {
            difference |= Int((index < expected.count ? expected[index] : 0) ^ (index < given.count ? given[index] : 0))
        }
        return difference == 0 ? givenUser : nil
    }
}
