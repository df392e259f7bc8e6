import ReleaseSpec
import Scheduler

/// The Scheduler's views of uploaded releases: which packages each job needs and which links it has.
enum ReleaseCatalogs {
    /// The package catalog of `releases`.
    static func packages(_ releases: [Release]) -> PackageCatalog {
        var catalog = PackageCatalog()
        for release in releases {
            let name = release.manifest.name
            for package in release.manifest.packages {
                catalog.add(.init(release: name, name: package.name, fingerprint: package.version, dependencies: package.dependencies))
            }
            for job in release.jobs {
                catalog.add(release: name, job: job.record.name, packages: job.spec.packages)
            }
        }
        return catalog
    }

    /// The link catalog of `releases`.
    static func links(_ releases: [Release]) -> LinkCatalog {
        var catalog = LinkCatalog()
        for release in releases {
            for job in release.jobs {
                let links = LinkCatalog.JobLinks(
                    provides: job.spec.provides.map {
                        .init(name: $0.name, type: $0.type, optional: $0.optional, properties: $0.properties)
                    },
                    consumes: job.spec.consumes.map {
                        .init(name: $0.name, type: $0.type, optional: $0.optional, properties: $0.properties)
                    },
                    properties: job.spec.properties)
                catalog.add(release: release.manifest.name, job: job.record.name, links)
            }
        }
        return catalog
    }
}
