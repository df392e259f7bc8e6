/// Prints a ``DeploymentPlan`` the way an operator reads a deploy: instances with AZs, addresses and
/// changes, links, compile order and update batches.
public enum PlanRenderer {
    /// The plan as plain text (stable: the same plan always prints the same text).
    public static func text(_ plan: DeploymentPlan) -> String {
        var out = "Deployment '\(plan.deployment)'\n\nInstances\n"
        for group in plan.instanceGroups {
            let azs = group.azs.isEmpty ? "no azs" : "azs: \(group.azs.joined(separator: ", "))"
            let errand = group.lifecycle == "errand" ? ", errand" : ""
            out += "  \(group.name) (\(group.instances.count) instances, \(azs)\(errand))\n"
            for p in group.instances + group.obsolete {
                var line = "    \(p.group)/\(p.index)"
                line += "  " + (p.az ?? "-")
                line += "  " + (p.addresses.isEmpty ? "-" : p.addresses.map(\.description).joined(separator: " "))
                line += "  " + p.change.description
                if p.bootstrap { line += "  bootstrap" }
                if p.ignored { line += "  ignored" }
                if let id = p.id { line += "  id=\(id)" }
                out += line + "\n"
            }
        }
        if !plan.links.isEmpty {
            out += "\nLinks\n"
            for link in plan.links {
                let addresses = link.data.map { d in d.instances.map { $0.address ?? "dynamic" }.joined(separator: ", ") } ?? ""
                out += "  \(link.group)/\(link.job) consumes \(link.name) (\(link.type)) <- \(link.provider ?? "nothing")"
                out += addresses.isEmpty ? "\n" : " [\(addresses)]\n"
            }
        }
        if let compilation = plan.compilation {
            out += "\nCompilation (\(compilation.workers) workers\(compilation.reuseCompilationVMs ? ", reusing VMs" : ""))\n"
            for stemcell in compilation.stemcells {
                out += "  \(stemcell.stemcell): \(stemcell.tasks.count) packages\n"
                for (i, wave) in stemcell.waves.enumerated() {
                    out += "    wave \(i + 1): \(wave.map(\.description).joined(separator: ", "))\n"
                }
            }
        }
        out += "\nUpdate\n"
        if !plan.update.preCleanup.isEmpty {
            out += "  delete removed instance groups: \(plan.update.preCleanup.map(\.description).joined(separator: ", "))\n"
        }
        for (i, stage) in plan.update.stages.enumerated() {
            let mode = stage.count > 1 || stage.first?.serial == false ? "parallel" : "serial"
            out += "  stage \(i + 1) (\(mode)): \(stage.map(\.name).joined(separator: ", "))\n"
            for group in stage {
                out += "    \(group.name): canaries \(group.canaries), max_in_flight \(group.maxInFlight), "
                out += "canary_watch_time \(group.canaryWatchTime), update_watch_time \(group.updateWatchTime), "
                out += "vm_strategy \(group.vmStrategy)\n"
                if !group.deletions.isEmpty {
                    out += "      delete (\(group.deleteMaxInFlight) at once): \(group.deletions.map(\.description).joined(separator: ", "))\n"
                }
                for az in group.azs {
                    var line = "      \(az.az ?? "no az") (max_in_flight \(az.maxInFlight)):"
                    if !az.canaries.isEmpty { line += " canaries [\(az.canaries.map(\.description).joined(separator: ", "))]" }
                    for batch in az.batches { line += " [\(batch.map(\.description).joined(separator: ", "))]" }
                    out += line + "\n"
                }
                if group.azs.isEmpty && group.deletions.isEmpty { out += "      nothing to do\n" }
            }
        }
        return out
    }
}
