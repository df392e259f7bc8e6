/// `create_stemcell [image_path, cloud_properties]`, plus `env` (`{"tags": {…}}`) from API version 3;
/// returns the stemcell cid.
public struct CreateStemcellArguments: CPICIDResultArguments, Hashable {
    /// `create_stemcell`
    public static let method = CPIMethod.createStemcell

    /// Path of the unpacked stemcell image on the caller's machine.
    public var imagePath: String
    /// The `cloud_properties` of the stemcell's `stemcell.MF`.
    public var cloudProperties: [String: JSONValue]
    /// The v3 `env` argument, `{"tags": {…}}`; `nil` when not sent.
    public var env: [String: JSONValue]?

    /// Creates the arguments.
    public init(imagePath: String, cloudProperties: [String: JSONValue], env: [String: JSONValue]? = nil) {
        self.imagePath = imagePath
        self.cloudProperties = cloudProperties
        self.env = env
    }

    /// The string-valued `env.tags`, empty when absent.
    public var tags: [String: String] {
        (env?["tags"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    /// Decodes `[image_path, cloud_properties(, env)]`; a third argument is read at any API version.
    public init(arguments: [JSONValue], apiVersion: Int) throws(CPIError) {
        let reader = ArgumentReader(Self.method, arguments)
        imagePath = try reader.string(0, "image_path")
        cloudProperties = try reader.lenientObject(1, "cloud_properties")
        env = arguments.count > 2 && !arguments[2].isNull ? try reader.object(2, "env") : nil
    }

    /// Encodes the arguments; `env` is sent only from API version 3.
    public func encodedArguments(apiVersion: Int) -> [JSONValue] {
        var values: [JSONValue] = [.string(imagePath), .object(cloudProperties)]
        if apiVersion >= 3, let env { values.append(.object(env)) }
        return values
    }
}

/// `delete_stemcell [stemcell_cid]`.
public struct DeleteStemcellArguments: CPISingleCIDArguments, CPIVoidArguments, Hashable {
    /// `delete_stemcell`
    public static let method = CPIMethod.deleteStemcell
    /// `stemcell_cid`
    public static let cidName = "stemcell_cid"

    /// The stemcell to delete.
    public var cid: String

    /// Creates the arguments.
    public init(cid: String) { self.cid = cid }
}
