public enum BoshYAMLPlaceholder {}
