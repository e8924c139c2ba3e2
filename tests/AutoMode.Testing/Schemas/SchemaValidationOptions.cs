namespace AutoMode.Testing.Schemas;

/// <summary>How strict <see cref="OpenApiSchemaValidator"/> is where Kubernetes and JSON Schema differ.</summary>
public sealed record SchemaValidationOptions
{
    /// <summary>
    /// When true (default), a field that an object schema with <c>properties</c> does not declare is an error
    /// (what <c>kubectl apply --validate=strict</c> reports). Kubernetes itself would silently prune it, which hides
    /// renderer bugs. Objects without <c>properties</c> (e.g. a CRD's <c>metadata</c>) accept anything.
    /// </summary>
    public bool RejectUnknownFields { get; init; } = true;

    /// <summary>
    /// When true (default), a null object property whose schema is not nullable counts as absent, as the API server
    /// prunes it before validation. When false it is reported.
    /// </summary>
    public bool NullPropertiesAreAbsent { get; init; } = true;

    public static SchemaValidationOptions Default { get; } = new();
}
