namespace AutoMode.Benchmarks;

/// <summary>A Kubernetes verb (apply for server-side apply) and resource (plural, with /status for the subresource).</summary>
internal sealed record RequestKind(string Verb, string Resource)
{
    public bool IsWrite => Verb is "create" or "update" or "patch" or "apply" or "delete";

    public override string ToString() => $"{Verb} {Resource}";

    public static RequestKind Of(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri!;
        var segments = uri.AbsolutePath.Trim('/').Split('/');

        // /api/v1/... or /apis/{group}/{version}/...; then optional namespaces/{ns}; then plural[/name[/subresource]].
        var rest = segments.Length > 0 && segments[0] == "api" ? segments.Skip(2).ToArray() : segments.Skip(3).ToArray();
        if (rest.Length >= 2 && rest[0] == "namespaces" && rest.Length > 2)
        {
            rest = rest[2..];
        }

        var resource = rest.Length == 0 ? "discovery" : rest[0] + (rest.Length > 2 ? "/" + rest[2] : "");
        var named = rest.Length > 1;
        var verb = request.Method.Method switch
        {
            "GET" when uri.Query.Contains("watch=true", StringComparison.Ordinal) => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" when request.Content?.Headers.ContentType?.MediaType == "application/apply-patch+yaml" => "apply",
            "PATCH" => "patch",
            "DELETE" => "delete",
            var other => other.ToLowerInvariant(),
        };
        return new RequestKind(verb, resource);
    }
}
