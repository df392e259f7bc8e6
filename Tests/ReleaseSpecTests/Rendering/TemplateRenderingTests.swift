import ReleaseSpec
import Testing

/// The evaluation context: `p`, `if_p`, `spec`, `name`, `index`, links — as the director evaluates them.
@Suite struct TemplateRenderingTests {
    static let spec = """
        properties:
          port: {default: 8080}
          tls.enabled: {default: false}
          tls.cert: {description: no default}
          names: {default: [a, b]}
          env: {default: {Z: 1, A: 2}}
        consumes:
        - {name: db, type: db}
        - {name: cache, type: cache, optional: true}
        """

    @Test func propertiesSpecAndHelpers() async throws {
        let release = try RenderHarness.release(
            templates: [
                "config.erb": """
                port=<%= p('port') %> tls=<%= p('tls.enabled') %> names=<%= p('names').join(',') %>
                first=<%= p(['tls.cert', 'port']) %> fallback=<%= p('tls.cert', 'none') %>
                <% if_p('tls.cert') do |cert| %>cert=<%= cert %><% end.else do %>no cert<% end -%>

                <% if_p('port', 'tls.enabled') do |port, enabled| %>both=<%= port %>/<%= enabled %><% end %>
                env=<%= p('env').to_json %> props=<%= properties.port %>
                name=<%= name %> index=<%= index %> id=<%= spec.id %> az=<%= spec.az %>
                bootstrap=<%= spec.bootstrap %> address=<%= spec.address %> ip=<%= spec.ip %>
                deployment=<%= spec.deployment %> job=<%= spec.job.name %> disk=<%= spec.persistent_disk %>
                release=<%= spec.release.name %>/<%= spec.release.version %> domain=<%= spec.dns_domain_name %>
                net=<%= spec.networks.default.ip %> dns=<%= spec.networks.default.dns_record_name %>
                """
            ], specBody: Self.spec)
        let rendered = try await RenderHarness.render(release, properties: ["port": 9090, "tls": ["cert": "PEM"]])
        #expect(
            RenderHarness.text(rendered, "config.erb") == """
                port=9090 tls=false names=a,b
                first=PEM fallback=PEM
                cert=PEM
                both=9090/false
                env={"A":2,"Z":1} props=9090
                name=web_group index=1 id=8f2e8a1c-0000-4000-8000-000000000001 az=z1
                bootstrap=false address=10.0.0.5 ip=10.0.0.5
                deployment=demo job=web_group disk=1024
                release=test/1 domain=bosh
                net=10.0.0.5 dns=1.web-group.default.demo.bosh
                """)
        #expect(rendered.jobs[0].monit == Array("check process web\n".utf8))
        #expect(rendered.jobs[0].files.map(\.destination) == ["out/config.erb", ".bosh/links.json"])
        #expect(RenderHarness.text(rendered, ".bosh/links.json") == "[]\n")
    }

    @Test func elseIfP() async throws {
        let release = try RenderHarness.release(
            templates: [
                "t.erb": "<% if_p('tls.cert') do |c| %>c<% end.else_if_p('port') do |p| %>port <%= p %><% end %>"
            ], specBody: Self.spec)
        let rendered = try await RenderHarness.render(release)
        #expect(RenderHarness.text(rendered, "t.erb") == "port 8080")
    }

    @Test func links() async throws {
        let release = try RenderHarness.release(
            templates: [
                "links.erb": """
                <% link('db').instances.each do |i| -%>
                <%= i.name %>/<%= i.index %> <%= i.id %> <%= i.az %> <%= i.address %> <%= i.bootstrap %>
                <% end -%>
                port=<%= link('db').p('port') %> user=<%= link('db').p('user', 'admin') %>
                <% link('db').if_p('tls') do |t| %>tls<% end.else do %>plain<% end %>
                address=<%= link('db').address %>
                <% if_link('cache') do |c| %>cache<% end.else do %>no cache<% end %>
                <% if_link('db') do |db| %>db has <%= db.instances.size %><% end %>
                """
            ], specBody: Self.spec)
        let db = RenderLink(
            instances: [
                RenderLinkInstance(name: "pg", id: "id-0", index: 0, az: "z1", address: "10.0.1.2", bootstrap: true),
                RenderLinkInstance(name: "pg", id: "id-1", index: 1, az: "z2", address: "10.0.1.3"),
            ], properties: ["port": 5432], address: "q-s0.pg.default.demo.bosh", instanceGroup: "pg")
        let rendered = try await RenderHarness.render(release, links: ["db": db])
        #expect(
            RenderHarness.text(rendered, "links.erb") == """
                pg/0 id-0 z1 10.0.1.2 true
                pg/1 id-1 z2 10.0.1.3 false
                port=5432 user=admin
                plain
                address=q-s0.pg.default.demo.bosh
                no cache
                db has 2
                """)
    }

    @Test func manyTemplatesOneProcess() async throws {
        var templates: [String: String] = [:]
        for i in 0..<40 { templates["t\(i).erb"] = "<%= \(i) * 2 %>" }
        let release = try RenderHarness.release(templates: templates)
        let rendered = try await RenderHarness.render(release)
        #expect(rendered.jobs[0].files.count == 41)
        #expect(RenderHarness.text(rendered, "t21.erb") == "42")
    }
}
