import Testing
import Scheduler

@Test func moduleVersionIsSet() {
    #expect(!SchedulerVersion.isEmpty)
}
