import BoshDirectorStore
import Foundation
import Hummingbird

/// Tasks: lists, one task, its output with `Range`, cancellation.
struct TaskRoutes: Sendable {
    let store: DirectorStore

    /// The task types `verbose=1` lists (the director hides the others, e.g. vms, fetch-logs, scans).
    static let verboseOneTypes = [
        "attach_disk", "create_snapshot", "delete_deployment", "delete_release", "delete_snapshot", "delete_stemcell",
        "run_errand", "snapshot_deployment", "update_deployment", "update_release", "update_stemcell",
    ]

    func add(to router: Router<BasicRequestContext>) {
        router.get("/tasks") { request, _ -> Response in
            let query = request.uri.queryParameters
            var filter = TaskFilter()
            if let states = query["state"] {
                filter.states = states.split(separator: ",").compactMap { TaskRecord.State(rawValue: String($0)) }
            }
            filter.deployment = query["deployment"].map(String.init)
            filter.contextID = query["context_id"].map(String.init)
            filter.limit = query["limit"].flatMap { Int(String($0)) }
            if (query["verbose"].flatMap { Int(String($0)) } ?? 1) < 2 { filter.types = Self.verboseOneTypes }
            return JSONResponse.make(try await store.tasks(filter).map(TaskJSON.init))
        }
        router.get("/tasks/:id") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int.self), let task = try await store.task(id) else {
                return JSONResponse.error(.notFound, code: 10001, "Task '\(context.parameters.get("id") ?? "")' not found")
            }
            return JSONResponse.make(TaskJSON(task))
        }
        router.get("/tasks/:id/output") { request, context -> Response in
            guard let id = context.parameters.get("id", as: Int.self), try await store.task(id) != nil else {
                return JSONResponse.error(.notFound, code: 10001, "Task '\(context.parameters.get("id") ?? "")' not found")
            }
            let type = request.uri.queryParameters["type"].map(String.init) ?? "event"
            guard let kind = TaskOutputKind(rawValue: type) else { return Response(status: .noContent) }
            let offset = Self.rangeStart(request.headers[.range])
            let output = try await store.output(of: id, kind: kind, from: offset ?? 0)
            return Self.outputResponse(output.bytes, size: output.size, rangeStart: offset)
        }
        router.delete("/task/:id") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int.self), try await store.cancelTask(id) != nil else {
                return JSONResponse.error(.notFound, code: 10001, "Task '\(context.parameters.get("id") ?? "")' not found")
            }
            return Response(status: .noContent)
        }
    }

    /// `N` of `Range: bytes=N-` (other forms are served whole).
    static func rangeStart(_ header: String?) -> Int? {
        guard let header, header.hasPrefix("bytes="), header.hasSuffix("-") else { return nil }
        return Int(header.dropFirst(6).dropLast())
    }

    /// 206 with the tail from a range start, 416 when nothing is past it (or nothing was written), 204 for no
    /// output at all without a range, 200 with the whole output otherwise.
    static func outputResponse(_ bytes: [UInt8], size: Int, rangeStart: Int?) -> Response {
        guard let start = rangeStart else {
            if size == 0 { return Response(status: .noContent) }
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        guard start < size else {
            return Response(status: .rangeNotSatisfiable, headers: [.contentRange: "bytes */\(size)"])
        }
        return Response(
            status: .partialContent,
            headers: [.contentType: "text/plain", .contentRange: "bytes \(start)-\(size - 1)/\(size)"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
