import Foundation
import Testing

@testable import BoshAgent

@Suite struct VitalsSamplerTests {
    @Test func vitalsComeFromProcAndStatvfs() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("agent-vitals-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = AgentLayout(root: root)
        try layout.createBaseDirectories()
        let sampler = VitalsSampler(layout: layout)
        _ = sampler.sample()
        let vitals = sampler.sample()
        #expect(vitals.load?.count == 3)
        #expect(vitals.load?.allSatisfy { Double($0) != nil } == true)
        let memoryKB = try #require(vitals.mem.kb.flatMap { Int($0) })
        #expect(memoryKB > 0)
        let memoryPercent = try #require(vitals.mem.percent.flatMap { Int($0) })
        #expect((0...100).contains(memoryPercent))
        #expect(vitals.swap.percent != nil)
        for figure in [vitals.cpu.user, vitals.cpu.sys, vitals.cpu.wait] {
            let value = try #require(figure.flatMap { Double($0) })
            #expect((0...100).contains(value))
        }
        let system = try #require(vitals.disk?["system"])
        #expect(system.percent.flatMap { Int($0) }.map { (0...100).contains($0) } == true)
        #expect(vitals.disk?["ephemeral"] != nil)
        #expect((vitals.uptime.seconds ?? 0) > 0)
    }
}
