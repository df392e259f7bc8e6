/// Why a job's templates could not be rendered, with the job, the template and the line.
///
/// A struct around a private code, so new cases are additive; match on ``kind``. ``description`` uses the
/// director's wording: `Error filling in template 'config.yml.erb' (line 3: Can't find property '["port"]')`.
public struct RenderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The broad kind of a rendering error.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: String, Hashable, Sendable {
            case missingProperty, missingLink, templateRaised, syntax, timeout, invalidPropertyType
            case missingTemplate, unknownJob, unknownInstanceGroup, invalidInput, ruby, contextFailed
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
        /// The job's template context could not be made from its spec (a hash key Ruby's `OpenStruct` cannot
        /// take, such as `true` or `1`): the job fails before any of its templates, as in the director.
        public static let contextFailed = Kind(code: .contextFailed)
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

    /// The director's text: `Error filling in template 'x' (line N: message)` for template errors (`line
    /// (unknown)` where Ruby gives no template line, as for a syntax error); other errors are their message.
    /// The job is not part of the text: ``RenderFailure`` names it in a header, as the director does.
    public var description: String {
        guard let template else { return message }
        let where_ = line.map(String.init) ?? "(unknown)"
        return "Error filling in template '\(template)' (line \(where_): \(message))"
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

    /// The director's layout: each message stripped, continuation lines indented at their bullet's level,
    /// and a job whose `monit` failed (or whose context could not be made) reported by that error alone,
    /// without a bullet (the director renders nothing else of that job and raises the bare error):
    /// ```
    /// - Unable to render jobs for instance group 'web'. Errors are:
    ///   - Unable to render templates for job 'nginx'. Errors are:
    ///     - Error filling in template 'config.erb' (line 2: Can't find property '["port"]')
    /// ```
    public var description: String {
        var items: [String] = errors.filter { $0.job == nil }.map { "- " + Self.strip($0.description) }
        var jobs: [String] = []
        for case let job? in errors.map(\.job) where !jobs.contains(job) { jobs.append(job) }
        for job in jobs {
            let ofJob = errors.filter { $0.job == job }
            if let alone = ofJob.first(where: { $0.template == "monit" || $0.kind == .contextFailed }) {
                items.append(Self.strip(alone.description))
                continue
            }
            let body = Self.strip(ofJob.map { "- " + Self.strip($0.description) }.joined(separator: "\n"))
            items.append("- Unable to render templates for job '\(job)'. Errors are:\n" + Self.indent(body))
        }
        let body = Self.strip(items.joined(separator: "\n"))
        return "- Unable to render jobs for instance group '\(instanceGroup)'. Errors are:\n" + Self.indent(body)
    }

    /// Ruby's `strip`: leading and trailing whitespace and NULs removed.
    static func strip(_ text: String) -> String {
        let blank: Set<Unicode.Scalar> = [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\0"]
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !blank.contains($0) })!
        return String(scalars[first...last])
    }

    /// The director's two-space indent of every line (an empty line too).
    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
