/// How ``YAMLTree`` writes YAML text.
public enum EmitStyle: Sendable {
    /// Keys in document order and scalars in their source style where possible: the SDK default.
    case preserving
    /// Byte-identical to what `bosh int` prints (Go yaml.v2 `Marshal`): keys sorted as yaml.v2 sorts them,
    /// scalars re-typed and quoted by its rules, multi-line strings as literal blocks, lines folded at 80.
    case boshInt
}
