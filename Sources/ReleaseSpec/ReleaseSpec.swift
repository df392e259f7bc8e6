/// The version of the BoshKit `ReleaseSpec` module.
public let ReleaseSpecVersion = "0.1.0"
