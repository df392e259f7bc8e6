import BoshYAML
import Foundation
import ReleaseSpec
import Testing

/// One small job per difference from the director that issue #19 found, rendered as a whole instance group
/// from a manifest; each expectation is what the director's own template code renders.
@Suite struct DirectorFidelityTests {
    /// A release named `test` with the given jobs (name → spec body, files).
    static func release(_ jobs: [TarballBuilder.Job]) throws -> Release {
        var builder = TarballBuilder()
        builder.jobs = jobs
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try builder.write(to: dir + "/release.tgz")
        return try ReleaseTarball.read(at: dir + "/release.tgz")
    }

    static func job(_ name: String, templates: [String: String], spec: String = "", monit: String = "") -> TarballBuilder.Job {
        let lines = templates.keys.sorted().map { "  \($0): \($0).out" }.joined(separator: "\n")
        var files = ["monit": monit]
        for (source, text) in templates { files["templates/\(source)"] = text }
        return TarballBuilder.Job(name: name, spec: "name: \(name)\ntemplates:\n\(lines)\n\(spec)", files: files)
    }

    static func manifest(_ yaml: String) throws -> YAMLNode {
        let tree = try YAMLParser.parse(yaml, file: "manifest.yml")
        return YAMLNode(tree: tree, id: tree.root!)
    }

    static func render(
        _ release: Release, _ manifestYAML: String, group: String = "web", links: [String: [String: RenderLink]] = [:]
    ) async throws -> RenderedInstance {
        let manifest = try ManifestRenderPlan.asUploaded(try manifest(manifestYAML))
        let plan = try ManifestRenderPlan(manifest: manifest, releases: [release], instanceGroup: group, links: links)
        return try await JobRenderer(timeout: .seconds(30)).render(plan.jobs, for: plan.instance)
    }

    static func failure(_ release: Release, _ manifestYAML: String) async throws -> RenderFailure {
        do {
            _ = try await render(release, manifestYAML)
        } catch let failure as RenderFailure {
            return failure
        }
        Issue.record("rendering succeeded")
        return RenderFailure(instanceGroup: "", errors: [])
    }

    static func text(_ rendered: RenderedInstance, job: String, _ source: String) -> String? {
        rendered.jobs.first { $0.name == job }?.files.first { $0.source == source }?.text
    }

    static let group = """
        name: demo
        releases: [{name: test, version: latest}]
        instance_groups:
        - name: web
          instances: 1
          azs: [z1]
          networks: [{name: default}]
        """

    /// Finding 1: templates see what the director's process has loaded: YAML, IPAddr, `to_yaml`, JSON,
    /// ActiveSupport's `blank?` (a non-breaking space is blank), the director's `Hash#recursive_merge`, and
    /// the context's class by the director's name.
    @Test func theContextHasWhatTheDirectorLoaded() async throws {
        let template = """
            <%= YAML.dump({'a' => 1}) -%>
            <%= {'b' => [2]}.to_yaml -%>
            <%= IPAddr.new('10.0.0.0/24').include?(IPAddr.new('10.0.0.7')) %>
            <%= "\\u00a0 ".blank? %> <%= [].present? %>
            <%= {'x' => {'y' => 1}}.recursive_merge({'x' => {'z' => 2}}).to_json %>
            <%= self.class.name %> <%= SecureRandom.hex(4).size %> <%= Digest::SHA1.hexdigest('a') %>
            """
        let release = try Self.release([Self.job("probe", templates: ["t.erb": template])])
        let rendered = try await Self.render(release, Self.group + "\n  jobs: [{name: probe, release: test}]\n")
        #expect(
            Self.text(rendered, job: "probe", "t.erb") == """
                ---
                a: 1
                ---
                b:
                - 2
                true
                true false
                {"x":{"y":1,"z":2}}
                Bosh::Common::Template::EvaluationContext 8 86f7e437faa5a7fce15d1ddcb9eaeaea377667b8
                """)
    }

    /// Finding 2: the director sees the manifest the CLI uploaded, every hash's keys sorted, inside arrays
    /// too; a job spec's defaults keep their order, their nested hashes sorted, and a plain `y` key stays
    /// the string Ruby reads (yaml.v2 would read `true`).
    @Test func hashesHaveTheirKeysSortedAsUploaded() async throws {
        let release = try Self.release([
            Self.job(
                "dns", templates: ["h.erb": "<%= p('handlers').to_json %> <%= p('defaults').to_json %>"],
                spec: "properties:\n  handlers: {}\n  defaults: {default: {z: 1, a: {y: 2, b: 3}}}")
        ])
        let manifest = Self.group + """

              jobs:
              - name: dns
                release: test
                properties:
                  handlers:
                  - domain: endpoint.local.
                    cache: {enabled: true}
            """
        let rendered = try await Self.render(release, manifest)
        #expect(
            Self.text(rendered, job: "dns", "h.erb")
                == #"[{"cache":{"enabled":true},"domain":"endpoint.local."}] {"a":{"b":3,"y":2},"z":1}"#)
    }

    /// Finding 3: `.bosh/links.json` lists the links the job provides (under their `as:` alias), with the
    /// director's DNS group ids, sorted by group, pretty-printed as the director's JSON writes it.
    @Test func linksJSONListsTheProvidedLinks() async throws {
        let release = try Self.release([
            Self.job("db", templates: [:], spec: "provides:\n- {name: conn, type: pg}\n- {name: admin, type: pg-admin}"),
            Self.job("other", templates: [:]),
        ])
        let manifest = Self.group + """

              jobs:
              - {name: db, release: test, provides: {conn: {as: main-db}}}
              - {name: other, release: test}
            """
        let rendered = try await Self.render(release, manifest)
        // Groups: instance group `web` is 1, then the links in provides order: main-db-pg 2, admin-pg-admin 3.
        #expect(
            Self.text(rendered, job: "db", ".bosh/links.json") == """
                [
                  {
                    "name": "main-db",
                    "type": "pg",
                    "group": "2"
                  },
                  {
                    "name": "admin",
                    "type": "pg-admin",
                    "group": "3"
                  }
                ]

                """)
        #expect(Self.text(rendered, job: "other", ".bosh/links.json") == "[]\n")
    }

    /// Finding 4: `spec.job` describes the instance group (every job, with `blobstore_id` and `logs`), and
    /// the configuration hash covers every job of the instance.
    @Test func specJobListsEveryJobOfTheGroup() async throws {
        let show = "<%= spec.job.templates.map { |t| [t.name, t.blobstore_id.inspect, t.logs.inspect].join(':') }.join(',') %> <%= spec.job.template %>"
        let release = try Self.release([
            Self.job("probe", templates: ["a.erb": show]), Self.job("probe2", templates: ["b.erb": show]),
        ])
        let manifest = Self.group + "\n  jobs: [{name: probe, release: test}, {name: probe2, release: test}]\n"
        let rendered = try await Self.render(release, manifest)
        #expect(rendered.jobs.map(\.name) == ["probe", "probe2"])
        #expect(Self.text(rendered, job: "probe2", "b.erb") == "probe:nil:[],probe2:nil:[] probe")
        let alone = try await Self.render(release, Self.group + "\n  jobs: [{name: probe, release: test}]\n")
        #expect(alone.configurationHash != rendered.configurationHash)
    }

    /// Finding 5: templates share a context while none changes what templates can see: instance variables
    /// set in `monit` reach the next template; after a template changes a property in place, the next one gets
    /// a fresh context (the property as bound, no instance variables).
    @Test func templatesShareAContextUntilOneChangesIt() async throws {
        let release = try Self.release([
            Self.job(
                "iso",
                templates: [
                    "a.erb": "<%= @from_monit %>|<% p('list') << 99 %><%= p('list').inspect %>",
                    "b.erb": "<%= @from_monit.inspect %>|<%= p('list').inspect %>",
                ], spec: "properties:\n  list: {default: [1, 2]}", monit: "<% @from_monit = 'm' %>")
        ])
        let rendered = try await Self.render(release, Self.group + "\n  jobs: [{name: iso, release: test}]\n")
        #expect(Self.text(rendered, job: "iso", "a.erb") == "m|[1, 2, 99]")
        #expect(Self.text(rendered, job: "iso", "b.erb") == "nil|[1, 2]")
    }

    /// Finding 6: networks carry `prefix`; `.inf` is a Float; `features.use_dns_addresses` makes
    /// `spec.address` the instance's DNS name; `link.address` is the director's DNS query.
    @Test func smallerDifferences() async throws {
        let template = """
            <%= spec.networks.default.prefix %> <%= spec.networks.to_h.keys.inspect %>
            <%= p('limit').class %> <%= p('limit').infinite? %>
            <%= spec.address %>
            <%= link('db').address %> <%= link('db').address(azs: ['z1']) %>
            """
        let release = try Self.release([
            Self.job(
                "small", templates: ["t.erb": template],
                spec: "properties:\n  limit: {}\nconsumes:\n- {name: db, type: pg}")
        ])
        let manifest = Self.group + """

              jobs: [{name: small, release: test, properties: {limit: .inf}}]
            features: {use_dns_addresses: true}
            """
        let link = RenderLink(
            instances: [RenderLinkInstance(name: "db", id: "i-0", index: 0, az: "z1", address: "10.0.1.2")],
            instanceGroup: "db", deploymentName: "demo", defaultNetwork: "default", domain: "bosh")
        let rendered = try await Self.render(release, manifest, links: ["small": ["db": link]])
        let plan = try ManifestRenderPlan(
            manifest: try Self.manifest(manifest), releases: [release], instanceGroup: "web")
        #expect(
            Self.text(rendered, job: "small", "t.erb") == """
                32 [:default]
                Float 1
                \(plan.instance.id).web.default.demo.bosh
                q-s0.db.default.demo.bosh q-a1s0.db.default.demo.bosh
                """)
    }

    /// Finding 6: a hash key the director reads as `true` or a number (`y:` or `1:` in the manifest, which the
    /// CLI re-serializes as `true:` and `1:`) fails the job before any template, as OpenStruct cannot take it;
    /// with string keys beside it, binding fails on Ruby's sort.
    @Test func nonStringHashKeysFailAsInTheDirector() async throws {
        let release = try Self.release([
            Self.job("keys", templates: ["k.erb": "<%= p('map').inspect %>"], spec: "properties:\n  map: {}")
        ])
        let single = Self.group + "\n  jobs: [{name: keys, release: test, properties: {map: {1: one}}}]\n"
        let failure = try await Self.failure(release, single)
        #expect(failure.errors.map(\.kind) == [.contextFailed])
        #expect(failure.description.hasPrefix("""
            - Unable to render jobs for instance group 'web'. Errors are:
              undefined method `to_sym' for 1:Integer
            """))

        let mixed = Self.group + "\n  jobs: [{name: keys, release: test, properties: {map: {y: 1, a: 2}}}]\n"
        #expect {
            _ = try ManifestRenderPlan(
                manifest: try ManifestRenderPlan.asUploaded(try Self.manifest(mixed)), releases: [release],
                instanceGroup: "web")
        } throws: { error in
            "\(error)" == "comparison of Array with Array failed"
        }
    }

    /// Finding 7: a multi-line message keeps its continuation lines at the bullet's level; a failing
    /// `monit` is reported alone, without the job's header; a job whose `properties` is null is refused in
    /// the director's words.
    @Test func errorsInTheDirectorsLayout() async throws {
        let release = try Self.release([
            Self.job("multi", templates: ["a.erb": "<% raise \"first\\nsecond\\n\" %>", "b.erb": "fine"]),
            Self.job("broken", templates: ["c.erb": "never"], monit: "<%= p('missing') %>"),
        ])
        let manifest = Self.group + "\n  jobs: [{name: multi, release: test}, {name: broken, release: test}]\n"
        let failure = try await Self.failure(release, manifest)
        #expect(
            failure.description == """
                - Unable to render jobs for instance group 'web'. Errors are:
                  - Unable to render templates for job 'multi'. Errors are:
                    - Error filling in template 'a.erb' (line 1: first
                    second
                    )
                  Error filling in template 'monit' (line 1: Can't find property '["missing"]')
                """)
        #expect(failure.errors.map(\.template) == ["a.erb", "monit"])

        let nullProperties = Self.group + "\n  jobs: [{name: multi, release: test, properties: ~}]\n"
        #expect {
            _ = try ManifestRenderPlan(
                manifest: try Self.manifest(nullProperties), releases: [release], instanceGroup: "web")
        } throws: { error in
            "\(error)" == "Property 'properties' value (nil) did not match the required type 'Hash'"
        }
    }
}
