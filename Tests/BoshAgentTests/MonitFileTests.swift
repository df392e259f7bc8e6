import Testing

@testable import BoshAgent

@Suite struct MonitFileTests {
    @Test func parsesSeveralProcessesWithBOSHStatements() throws {
        let text = """
            # hello job
            check process hello-server
              with pidfile /var/vcap/sys/run/hello-server/pid
              start program "/var/vcap/jobs/hello-server/bin/ctl start" with timeout 60 seconds
              stop program "/var/vcap/jobs/hello-server/bin/ctl stop"
              group vcap
              if failed port 8080 then restart

            check process worker with pidfile /var/vcap/sys/run/worker.pid
              start program = "/bin/sh -c 'echo start # not a comment'"
              depends on hello-server
              group vcap
            """
        let processes = try MonitFile.parse(text, path: "jobs/hello/monit")
        #expect(
            processes == [
                MonitProcess(
                    name: "hello-server", pidfile: "/var/vcap/sys/run/hello-server/pid",
                    startProgram: "/var/vcap/jobs/hello-server/bin/ctl start",
                    stopProgram: "/var/vcap/jobs/hello-server/bin/ctl stop", group: "vcap"),
                MonitProcess(
                    name: "worker", pidfile: "/var/vcap/sys/run/worker.pid",
                    startProgram: "/bin/sh -c 'echo start # not a comment'", stopProgram: nil, group: "vcap"),
            ])
    }

    @Test func emptyFileHasNoProcesses() throws {
        #expect(try MonitFile.parse("\n# nothing\n", path: "monit").isEmpty)
    }

    @Test(arguments: [
        ("check process a\n  start program \"x\"\n", 1, "has no 'with pidfile'"),
        ("check process a\n  with pidfile /p\n  start program \"x\n", 3, "unterminated quoted string"),
        ("check process a\n  with pidfile /p\n  start program\n", 3, "needs a quoted command"),
        ("check process a\n  with pidfile /p\n  start program \"x\"\n  bogus thing\n", 4, "unexpected 'bogus'"),
        ("check process a\n  with pidfile /p\n  start prog \"x\"\n", 3, "expected 'start program"),
        ("check process a\n  with pidfile /p\n  stop program /bin/x\n", 3, "needs a quoted command"),
        ("with pidfile /p\n", 1, "outside a 'check process' entry"),
        ("check file a with path /x\n", 1, "'check file' is not supported"),
        ("check process\n", 1, "needs a type and a name"),
    ])
    func malformedFilesNameFileAndLine(text: String, line: Int, reason: String) {
        do {
            _ = try MonitFile.parse(text, path: "/vm/jobs/web/monit")
            Issue.record("expected an error for \(text)")
        } catch let error as MonitFileError {
            #expect(error.path == "/vm/jobs/web/monit")
            #expect(error.line == line)
            #expect(error.description.hasPrefix("/vm/jobs/web/monit:\(line): "))
            #expect(error.reason.contains(reason), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
