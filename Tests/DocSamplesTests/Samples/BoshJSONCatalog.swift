// The Swift samples of Sources/BoshJSON/BoshJSON.docc/BoshJSON.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import BoshJSON

enum BoshJSONCatalog {
    static func values() async throws -> (Int?, String, String) {
        let properties: JSONValue = ["instance_type": "m5.large", "ephemeral_disk": ["size": 10_240]]
        let size = properties["ephemeral_disk"]?["size"]?.intValue      // 10240
        print(properties)              // {"ephemeral_disk":{"size":10240},"instance_type":"m5.large"}
        let hint = DiskHint.properties(["path": "/var/vcap/store/disk-1/data"])
        print(hint.json)               // {"path":"/var/vcap/store/disk-1/data"}
        return (size, properties.description, hint.json.description)
    }
}
