import BoshDirectorStore
import Foundation
import Hummingbird

/// `GET /locks` and `GET /events`, `GET /events/:id`, with the CLI's string ids.
struct LockAndEventRoutes: Sendable {
    let store: DirectorStore

    struct LockJSON: Encodable {
        var type: String
        var resource: [String]
        var timeout: String
        var task_id: String
    }

    struct EventJSON: Encodable {
        var id: String
        var parent_id: String?
        var timestamp: Int
        var user: String
        var action: String
        var object_type: String
        var object_name: String?
        var task: String?
        var deployment: String?
        var instance: String?
        var context: [String: String]
        var error: String?

        init(_ event: EventRecord) {
            id = "\(event.id)"
            parent_id = event.parentID.map { "\($0)" }
            timestamp = Int(event.timestamp.timeIntervalSince1970)
            user = event.user
            action = event.action
            object_type = event.objectType
            object_name = event.objectName
            task = event.task
            deployment = event.deployment
            instance = event.instance
            context = (try? JSONDecoder().decode([String: String].self, from: Data(event.context.utf8))) ?? [:]
            error = event.error
        }
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/locks") { _, _ -> Response in
            JSONResponse.make(
                try await store.locks().map { lock in
                    LockJSON(
                        type: lock.type, resource: lock.resource,
                        timeout: String(format: "%.3f", lock.expiresAt.timeIntervalSince1970), task_id: lock.taskID)
                })
        }
        router.get("/events") { request, _ -> Response in
            let query = request.uri.queryParameters
            let filter = EventFilter(
                beforeID: query["before_id"].flatMap { Int(String($0)) }, deployment: query["deployment"].map(String.init),
                task: query["task"].map(String.init), instance: query["instance"].map(String.init),
                action: query["action"].map(String.init), objectType: query["object_type"].map(String.init))
            return JSONResponse.make(try await store.events(filter).map(EventJSON.init))
        }
        router.get("/events/:id") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int.self),
                let event = try await store.events(EventFilter(beforeID: id + 1, limit: 1)).first, event.id == id
            else { return JSONResponse.error(.notFound, code: 10001, "Event '\(context.parameters.get("id") ?? "")' not found") }
            return JSONResponse.make(EventJSON(event))
        }
    }
}
