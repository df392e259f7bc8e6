import ReleaseSpec

/// `boshkit render --json`: per job, the spec its templates see, its rendered files and its template hash;
/// the instance's configuration hash.
enum RenderReport {
    static func json(plan: ManifestRenderPlan, rendered: RenderedInstance, jobs: [RenderedJob]) -> String {
        let jobValues: [RenderValue] = jobs.map { job in
            let files: [RenderValue] = [["source": "monit", "destination": "monit", "content": .string(String(decoding: job.monit, as: UTF8.self))]]
                + job.files.map {
                    ["source": .string($0.source), "destination": .string($0.destination), "content": .string($0.text)]
                }
            return [
                "name": .string(job.name), "spec": plan.templateSpec(of: job.name) ?? .null, "files": .array(files),
                "template_hash": .string(job.templateHash),
            ]
        }
        let instance = plan.instance
        let report: RenderValue = [
            "instance": .string("\(instance.instanceGroup)/\(instance.index)"), "id": .string(instance.id),
            "configuration_hash": .string(rendered.configurationHash), "jobs": .array(jobValues),
        ]
        return report.prettyJSONText
    }
}
