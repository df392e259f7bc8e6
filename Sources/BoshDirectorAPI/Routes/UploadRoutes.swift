import BoshDirectorStore
import Foundation
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
        // The director holds no package it could skip: every package is uploaded.
        router.post("/packages/matches") { _, _ in JSONResponse.make([String]()) }
        router.post("/packages/matches_compiled") { _, _ in JSONResponse.make([String]()) }
        router.post("/stemcells") { request, _ -> Response in
            try await upload(request, type: "update_stemcell", description: "create stemcell")
        }
        router.post("/releases") { request, _ -> Response in
            try await upload(request, type: "update_release", description: "create release")
        }
    }

    /// Saves the tarball (or resolves a `file://` location) and queues the task.
    private func upload(_ request: Request, type: String, description: String) async throws -> Response {
        let path: String
        if request.headers[.contentType]?.hasPrefix("application/json") == true {
            guard let body = try? JSONDecoder().decode(Location.self, from: Data(buffer: try await request.body.collect(upTo: 1 << 20))),
                let url = URL(string: body.location), url.isFileURL
            else { return JSONResponse.error(.badRequest, code: 30001, "Only file:// locations can be uploaded from") }
            guard FileManager.default.fileExists(atPath: url.path) else {
                return JSONResponse.error(.badRequest, code: 30001, "'\(url.path)' does not exist on the director")
            }
            path = scratchDirectory + "/upload-\(UUID().uuidString.lowercased()).tgz"
            try FileManager.default.createDirectory(atPath: scratchDirectory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: url.path, toPath: path)
        } else {
            path = try await Self.save(request.body, in: scratchDirectory, limit: Self.maximumUpload)
        }
        let task = try await store.createTask(type: type, description: description, payload: TaskPayload(path: path).json)
        return Redirect.task(task.id)
    }

    /// Streams `body` to a new file in `directory`; a body cut short or too large leaves no file.
    static func save(_ body: RequestBody, in directory: String, limit: Int) async throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/upload-\(UUID().uuidString.lowercased()).tgz"
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw HTTPError(.internalServerError, message: "Cannot create '\(path)'")
        }
        do {
            var total = 0
            for try await buffer in body {
                total += buffer.readableBytes
                guard total <= limit else { throw HTTPError(.contentTooLarge) }
                try handle.write(contentsOf: Data(buffer.readableBytesView))
            }
            try handle.close()
            return path
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }
}

/// The director's answer to a task-creating call.
enum Redirect {
    /// 302 to `/tasks/<id>` (relative: the CLI rewrites host and port anyway).
    static func task(_ id: Int) -> Response {
        Response(status: .found, headers: [.location: "/tasks/\(id)"])
    }
}
