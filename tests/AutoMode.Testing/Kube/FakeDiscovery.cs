using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>Minimal discovery documents (<c>/version</c>, <c>/api</c>, <c>/apis</c>, group-version resource lists).</summary>
internal static class FakeDiscovery
{
    public static JsonObject Describe(FakeApiServerState state, FakeRoute route, string path)
    {
        var types = state.ResourceTypes;
        switch (path.Trim('/'))
        {
            case "version":
                return new JsonObject { ["major"] = "1", ["minor"] = "33", ["gitVersion"] = "v1.33.0-fake", ["platform"] = "linux/amd64" };
            case "api":
                return new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1"), ["serverAddressByClientCIDRs"] = new JsonArray() };
            case "apis":
                break;
            default:
                if (route.Version is null && route.Group is null)
                {
                    throw new FakeApiException(404, "NotFound", $"the server could not find the requested resource ({path})");
                }

                break;
        }

        if (route.Version is not null)
        {
            var resources = new JsonArray();
            foreach (var type in types.Where(t => t.Group == route.Group && t.Version == route.Version))
            {
                resources.Add(Resource(type, type.Plural, type.Kind));
                if (type.HasStatusSubresource)
                {
                    resources.Add(Resource(type, type.Plural + "/status", type.Kind));
                }
            }

            return new JsonObject
            {
                ["kind"] = "APIResourceList",
                ["apiVersion"] = "v1",
                ["groupVersion"] = route.Group is { Length: > 0 } g ? $"{g}/{route.Version}" : route.Version,
                ["resources"] = resources,
            };
        }

        if (route.Group is not null)
        {
            if (!types.Any(t => t.Group == route.Group))
            {
                throw new FakeApiException(404, "NotFound", $"the server could not find the requested resource ({path})");
            }

            return Group(route.Group, types.Where(t => t.Group == route.Group).Select(t => t.Version).Distinct().ToList());
        }

        return new JsonObject
        {
            ["kind"] = "APIGroupList",
            ["apiVersion"] = "v1",
            ["groups"] = new JsonArray(types.Where(t => t.Group.Length > 0).GroupBy(t => t.Group)
                .Select(g => (JsonNode)Group(g.Key, g.Select(t => t.Version).Distinct().ToList())).ToArray()),
        };
    }

    private static JsonObject Group(string name, List<string> versions) => new()
    {
        ["kind"] = "APIGroup",
        ["apiVersion"] = "v1",
        ["name"] = name,
        ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{name}/{v}", ["version"] = v }).ToArray()),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/{versions[0]}", ["version"] = versions[0] },
    };

    private static JsonObject Resource(FakeResourceType type, string name, string kind) => new()
    {
        ["name"] = name,
        ["singularName"] = string.Empty,
        ["namespaced"] = type.Namespaced,
        ["kind"] = kind,
        ["verbs"] = new JsonArray("get", "list", "watch", "create", "update", "patch", "delete"),
    };
}
