namespace AutoMode.Testing.Kube;

/// <summary>One HTTP request the fake API server answered, as recorded in its request log.</summary>
/// <param name="Sequence">Position in the log (1-based, monotonic; survives <see cref="FakeApiServer.ResetCounters"/>).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path.</param>
/// <param name="Query">Query string including the leading '?', or empty.</param>
/// <param name="ContentType">Request content type, or null.</param>
/// <param name="Verb">Kubernetes verb: get, list, watch, create, update, patch, delete, or <c>discovery</c>.</param>
/// <param name="StatusCode">HTTP status sent; 0 when the connection was reset by a fault.</param>
/// <param name="IsWrite">True for create, update, patch and delete requests, whatever their outcome.</param>
/// <param name="Group">API group ("" for core), or null for discovery paths.</param>
/// <param name="Plural">Resource plural (without group), or null for discovery paths.</param>
/// <param name="Namespace">Namespace from the path, or null.</param>
/// <param name="Name">Object name from the path, or null for collections.</param>
/// <param name="Subresource">Subresource such as <c>status</c>, or null.</param>
/// <param name="FieldManager">The <c>fieldManager</c> query parameter, or null.</param>
/// <param name="Fault">The fault the plan injected into this request, or <see cref="FaultKind.None"/>.</param>
public sealed record RecordedRequest(
    long Sequence,
    string Method,
    string Path,
    string Query,
    string? ContentType,
    string Verb,
    int StatusCode,
    bool IsWrite,
    string? Group,
    string? Plural,
    string? Namespace,
    string? Name,
    string? Subresource,
    string? FieldManager,
    FaultKind Fault);
