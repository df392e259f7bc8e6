import BoshDirectorStore
import Foundation
import BoshYAML
import Hummingbird

/// Stemcell and release uploads: the checks the CLI makes first, then the tarball (or a `file://` location)
/// saved in the scratch directory and a queued task (302 to `/tasks/N`).
struct UploadRoutes: Sendable {
    let store: DirectorStore
    let scratchDirectory: String
    /// The largest tarball accepted.
    static let maximumUpload = 8 << 30

    struct StemcellCheck: Decodable {
        struct Stemcell: Decodable {
            var name: String?
            var version: String?
        }
        var stemcell: Stemcell?
    }

    struct Location: Decodable {
        var location: String
    }

    func add(to router: Router<BasicRequestContext>) {
        router.post("/stemcell_uploads") { request, _ -> Response in
            let body = try? JSONDecoder().decode(StemcellCheck.self, from: Data(buffer: try await request.body.collect(upTo: 1 << 20)))
            let name = body?.stemcell?.name ?? ""
            let version = body?.stemcell?.version ?? ""
            let exists = try await store.stemcells().contains { $0.name == name && $0.version == version }
            return JSONResponse.make(["needed": !exists])
        }
        // The fingerprints of the listed packages the director holds: the CLI leaves those out of the upload.
        router.post("/packages/matches") { request, _ -> Response in
            let text = String(buffer: try await request.body.collect(upTo: DeploymentRoutes.maximumManifest))
            guard let tree = try? YAMLParser.parse(text, file: "release manifest"), let id = tree.root,
                let packages = YAMLNode(tree: tree, id: id)["packages"], packages.kind == .sequence
            else {
                return JSONResponse.error(.badRequest, code: 440001, "Manifest doesn't have a usable packages section")
            }
            let listed = packages.items.compactMap { ($0["fingerprint"] ?? $0["version"])?.string }
            let held = Set(try await store.releases().flatMap(\.packages).filter { !$0.blobstoreID.isEmpty }.map(\.version))
            return JSONResponse.make(listed.filter(held.contains))
        }
        // Compiled releases are not accepted: nothing matches.
        router.post("/packages/matches_compiled") { _, _ in JSONResponse.make([String]()) }
        router.post("/stemcells") { request, context -> Response in
            try await upload(request, context: context, type: "update_stemcell", description: "create stemcell")
        }
        router.post("/releases") { request, context -> Response in
            try await upload(request, context: context, type: "update_release", description: "create release")
        }
    }

    /// Saves the tarball (or resolves a `file://` location) and queues the task.
    private func upload(
        _ request: Request, context: BasicRequestContext, type: String, description: String
    ) async throws -> Response {
        let payload: TaskPayload
        if request.headers[.contentType]?.hasPrefix("application/json") == true {
            guard let body = try? JSONDecoder().decode(Location.self, from: Data(buffer: try await request.body.collect(upTo: 1 << 20))),
                let url = URL(string: body.location), url.isFileURL
            else { return JSONResponse.error(.badRequest, code: 30001, "Only file:// locations can be uploaded from") }
            guard FileManager.default.fileExists(atPath: url.path) else {
                return JSONResponse.error(.badRequest, code: 30001, "'\(url.path)' does not exist on the director")
            }
            // Read where it is when the task runs, as the director downloads a location then.
            payload = TaskPayload(location: url.path)
        } else {
            payload = TaskPayload(path: try await Self.save(request.body, in: scratchDirectory, limit: Self.maximumUpload, context: context))
        }
        let task = try await store.createTask(type: type, description: description, payload: payload.json)
        return Redirect.task(task.id)
    }

    /// Streams `body` to a new file in `directory` on NIO's thread pool (no blocking write on a request's
    /// task); a body cut short or too large leaves no file.
    static func save(_ body: RequestBody, in directory: String, limit: Int, context: some RequestContext) async throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/upload-\(UUID().uuidString.lowercased()).tgz"
        do {
            try await FileIO().writeFile(contents: LimitedBody(body: body, limit: limit), path: path, context: context)
            return path
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }
}

/// A request body that ends with 413 once more than `limit` bytes arrived.
struct LimitedBody: AsyncSequence {
    typealias Element = ByteBuffer
    let body: RequestBody
    let limit: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let limit: Int
        var total = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            total += buffer.readableBytes
            guard total <= limit else { throw HTTPError(.contentTooLarge) }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: body.makeAsyncIterator(), limit: limit) }
}

/// The director's answer to a task-creating call.
enum Redirect {
    /// 302 to `/tasks/<id>` (relative: the CLI rewrites host and port anyway).
    static func task(_ id: Int) -> Response {
        Response(status: .found, headers: [.location: "/tasks/\(id)"])
    }
}
