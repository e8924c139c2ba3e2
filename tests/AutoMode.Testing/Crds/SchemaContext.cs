namespace AutoMode.Testing.Crds;

/// <summary>
/// The state specStandardValidatorV3 carries down the schema in apiextensions-apiserver
/// pkg/apis/apiextensions/validation/validation.go: whether defaults are allowed (and why not), whether the node
/// describes TypeMeta/ObjectMeta, and the first ancestor below which oldSelf cannot be correlated.
/// </summary>
internal sealed record SchemaContext(bool AllowDefaults, string DisallowDefaultsReason, bool InsideResourceMeta, FieldPath? UncorrelatablePath)
{
    public static SchemaContext Root { get; } = new(true, "", false, null);

    public SchemaContext WithForbiddenDefaults(string reason) => this with { AllowDefaults = false, DisallowDefaultsReason = reason };

    public SchemaContext WithInsideResourceMeta() => this with { InsideResourceMeta = true };

    public SchemaContext WithForbidOldSelfValidations(FieldPath path) => UncorrelatablePath is null ? this with { UncorrelatablePath = path } : this;
}
