namespace AutoMode.Testing.Kube;

/// <summary>A parsed API path: <c>/api/v1/...</c> or <c>/apis/{group}/{version}/...</c>, optionally under <c>namespaces/{ns}</c>.</summary>
internal sealed record FakeRoute(string Verb, string? Group, string? Version, string? Plural, string? Namespace, string? Name, string? Subresource)
{
    public bool IsWrite => Verb is "create" or "update" or "patch" or "delete" or "deletecollection";

    public bool FitsScope(FakeResourceType type) =>
        type.Namespaced ? Name is null || Namespace is not null : Namespace is null;

    public static FakeRoute Parse(string method, string path, IQueryCollection query)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string version;
        string[] rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            (group, version, rest) = (string.Empty, segments[1], segments[2..]);
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], segments[3..]);
        }
        else
        {
            return new FakeRoute("discovery", segments.Length >= 2 && segments[0] == "apis" ? segments[1] : null, null, null, null, null, null);
        }

        if (rest.Length == 0)
        {
            return new FakeRoute("discovery", group, version, null, null, null, null);
        }

        string? ns = null;
        if (rest[0] == "namespaces" && rest.Length >= 3)
        {
            ns = rest[1];
            rest = rest[2..];
        }

        var plural = rest[0];
        var name = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? string.Join('/', rest[2..]) : null;
        var watch = query["watch"].FirstOrDefault() is "true" or "1" or "True";
        var verb = method switch
        {
            "GET" when name is not null => "get",
            "GET" when watch => "watch",
            "GET" => "list",
            "POST" when name is null => "create",
            "PUT" when name is not null => "update",
            "PATCH" when name is not null => "patch",
            "DELETE" when name is not null => "delete",
            "DELETE" => "deletecollection",
            _ => "unsupported",
        };
        return new FakeRoute(verb, group, version, plural, ns, name, subresource);
    }
}
