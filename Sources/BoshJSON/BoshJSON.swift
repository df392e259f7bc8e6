/// The version of the BoshKit `BoshJSON` module.
public let BoshJSONVersion = "0.1.0"
