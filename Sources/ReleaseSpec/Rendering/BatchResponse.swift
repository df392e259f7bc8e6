import Foundation

/// The evaluation context script's answer: per job, each template's rendered bytes or its error.
struct BatchResponse {
    struct File {
        var source: String
        var destination: String
        var result: Result<[UInt8], RenderError>
    }

    struct Job {
        var name: String
        var files: [File]
        /// The job failed before any template: its context could not be made from its spec.
        var error: RenderError?
    }

    struct Malformed: Error {}

    var jobs: [Job]

    init(json bytes: [UInt8]) throws {
        guard let root = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let jobs = root["jobs"] as? [[String: Any]]
        else { throw Malformed() }
        self.jobs = try jobs.map { job in
            guard let name = job["name"] as? String, let files = job["files"] as? [[String: Any]] else {
                throw Malformed()
            }
            var failure: RenderError?
            if let error = job["error"] as? [String: Any] {
                failure = RenderError(.contextFailed, error["message"] as? String ?? "", job: name)
            }
            return Job(name: name, files: try files.map { try Self.file($0, job: name) }, error: failure)
        }
    }

    private static func file(_ object: [String: Any], job: String) throws -> File {
        guard let source = object["source"] as? String, let destination = object["destination"] as? String else {
            throw Malformed()
        }
        if let content = object["content"] as? String {
            guard let data = Data(base64Encoded: content) else { throw Malformed() }
            return File(source: source, destination: destination, result: .success([UInt8](data)))
        }
        guard let error = object["error"] as? [String: Any] else { throw Malformed() }
        let rubyClass = error["class"] as? String ?? ""
        let message = error["message"] as? String ?? ""
        let line = (error["line"] as? NSNumber)?.intValue
        return File(
            source: source, destination: destination,
            result: .failure(RenderError(kind(rubyClass), message, job: job, template: source, line: line)))
    }

    private static func kind(_ rubyClass: String) -> RenderError.Kind {
        switch rubyClass {
        case "Bosh::Common::Template::UnknownProperty": return .missingProperty
        case "Bosh::Common::Template::UnknownLink": return .missingLink
        case "Bosh::Common::Template::InvalidPropertyType": return .invalidPropertyType
        case "SyntaxError": return .syntax
        case "Timeout::Error": return .timeout
        default: return .templateRaised
        }
    }
}
