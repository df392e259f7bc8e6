/// The version of the BoshKit `Scheduler` module.
public let SchedulerVersion = "0.1.0"
