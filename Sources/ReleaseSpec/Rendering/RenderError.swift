/// Why a job's templates could not be rendered, with the job, the template and the line.
///
/// A struct around a private code, so new cases are additive; match on ``kind``. ``description`` uses the
/// director's wording: `Error filling in template 'config.yml.erb' (line 3: Can't find property '["port"]')`.
public struct RenderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The broad kind of a rendering error.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: String, Hashable, Sendable {
            case missingProperty, missingLink, templateRaised, syntax, timeout, invalidPropertyType
            case missingTemplate, unknownJob, unknownInstanceGroup, invalidInput, ruby
        }
        fileprivate let code: Code
        /// A template asked for a property that has no value and no default (`p('name')`).
        public static let missingProperty = Kind(code: .missingProperty)
        /// A template asked for a link the job does not have (`link('name')`).
        public static let missingLink = Kind(code: .missingLink)
        /// A template raised an error while rendering.
        public static let templateRaised = Kind(code: .templateRaised)
        /// A template is not valid ERB/Ruby.
        public static let syntax = Kind(code: .syntax)
        /// A template did not finish within the renderer's timeout.
        public static let timeout = Kind(code: .timeout)
        /// A manifest property is not a hash where the job's dotted property name needs one.
        public static let invalidPropertyType = Kind(code: .invalidPropertyType)
        /// The job archive lacks a template its spec lists (or its monit file).
        public static let missingTemplate = Kind(code: .missingTemplate)
        /// The release has no job by the requested name.
        public static let unknownJob = Kind(code: .unknownJob)
        /// The manifest has no instance group by the requested name, or it does not run the job.
        public static let unknownInstanceGroup = Kind(code: .unknownInstanceGroup)
        /// The manifest or another input is not usable (an index out of range, a malformed section).
        public static let invalidInput = Kind(code: .invalidInput)
        /// `ruby` could not be started, or it failed outside any template.
        public static let ruby = Kind(code: .ruby)
        public var description: String { code.rawValue }
    }

    /// What kind of problem this is.
    public let kind: Kind
    /// What went wrong, in the renderer's words (for template errors, Ruby's message).
    public let message: String
    /// The job being rendered.
    public let job: String?
    /// The template's source path in the job (`monit`, `config.yml.erb`).
    public let template: String?
    /// The 1-based template line the error happened on, when known.
    public let line: Int?

    init(_ kind: Kind, _ message: String, job: String? = nil, template: String? = nil, line: Int? = nil) {
        self.kind = kind
        self.message = message
        self.job = job
        self.template = template
        self.line = line
    }

    /// The director's text: `Error filling in template 'x' (line N: message)` for template errors, with the
    /// job named in front (`job 'web': …`); other errors are their message with the job, if any.
    public var description: String {
        guard let template else { return job.map { "job '\($0)': \(message)" } ?? message }
        let where_ = line.map(String.init) ?? "(unknown)"
        let text = "Error filling in template '\(template)' (line \(where_): \(message))"
        return job.map { "job '\($0)': \(text)" } ?? text
    }

    /// The same error attributed to a job.
    func forJob(_ name: String) -> RenderError { RenderError(kind, message, job: name, template: template, line: line) }
}

/// Every template error of one rendering, reported together as the director reports them.
public struct RenderFailure: Error, Sendable, CustomStringConvertible {
    /// The instance group the instance belongs to.
    public let instanceGroup: String
    /// The errors, in job and template order.
    public let errors: [RenderError]

    /// Creates a failure report.
    public init(instanceGroup: String, errors: [RenderError]) {
        self.instanceGroup = instanceGroup
        self.errors = errors
    }

    /// The director's layout:
    /// ```
    /// - Unable to render jobs for instance group 'web'. Errors are:
    ///   - Unable to render templates for job 'nginx'. Errors are:
    ///     - Error filling in template 'config.erb' (line 2: Can't find property '["port"]')
    /// ```
    public var description: String {
        var out = "- Unable to render jobs for instance group '\(instanceGroup)'. Errors are:"
        func item(_ error: RenderError, indent: String) -> String {
            let single = RenderError(error.kind, error.message, template: error.template, line: error.line)
            let lines = single.description.split(separator: "\n", omittingEmptySubsequences: false)
            return "\n\(indent)- " + lines.joined(separator: "\n\(indent)  ")
        }
        for error in errors where error.job == nil { out += item(error, indent: "  ") }
        var jobs: [String] = []
        for case let job? in errors.map(\.job) where !jobs.contains(job) { jobs.append(job) }
        for job in jobs {
            out += "\n  - Unable to render templates for job '\(job)'. Errors are:"
            for error in errors where error.job == job { out += item(error, indent: "    ") }
        }
        return out
    }
}
