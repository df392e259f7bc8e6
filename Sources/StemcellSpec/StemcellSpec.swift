/// The version of the BoshKit `StemcellSpec` module.
public let StemcellSpecVersion = "0.1.0"
