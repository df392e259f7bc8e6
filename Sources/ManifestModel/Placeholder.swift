public enum ManifestModelPlaceholder {}
