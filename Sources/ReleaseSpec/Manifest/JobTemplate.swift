/// One template of a job: a file under `templates/` rendered to a path relative to `/var/vcap/jobs/<job>/`.
public struct JobTemplate: Hashable, Sendable {
    /// The source path under the job's `templates/` directory (legacy jobs: under `config/`).
    public var source: String
    /// The destination path relative to the job directory, e.g. `bin/ctl`.
    public var destination: String

    /// Creates a template entry.
    public init(source: String, destination: String) {
        self.source = source
        self.destination = destination
    }
}
