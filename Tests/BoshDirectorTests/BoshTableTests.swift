import Testing
@testable import BoshDirector

/// Tables as bosh-cli prints them.
@Suite struct BoshTableTests {
    private let table = BoshTable(
        content: "instances", columns: [("instance", "Instance"), ("process_state", "Process State"), ("ips", "IPs")],
        rows: [
            ["instance": "web/1", "process_state": "running", "ips": "10.0.0.2\n10.0.1.2"],
            ["instance": "api/<0>", "process_state": "failing", "ips": "10.0.0.3"],
        ],
        title: "Deployment 'hello'")

    @Test func textAlignsColumnsAndCountsRows() {
        #expect(
            table.text() == """
                Deployment 'hello'

                Instance  Process State  IPs
                web/1     running        10.0.0.2, 10.0.1.2
                api/<0>   failing        10.0.0.3

                2 instances

                """)
    }

    @Test func jsonIsBoshCLIsUIFormat() {
        let json = table.json()
        #expect(json.hasPrefix("{\n    \"Tables\": [\n        {\n            \"Content\": \"instances\",\n"))
        #expect(json.contains("\"ips\": \"10.0.0.2\\n10.0.1.2\""))
        #expect(json.contains("\"instance\": \"api/\\u003c0\\u003e\""))  // Go escapes < and >
        #expect(json.contains("\"Notes\": null"))
        #expect(json.contains("\"Blocks\": null"))
    }
}
