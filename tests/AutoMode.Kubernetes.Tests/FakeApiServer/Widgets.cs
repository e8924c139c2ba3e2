using System.Text.Json.Nodes;

namespace AutoMode.Kubernetes.Tests.FakeApi;

/// <summary>The test resource the fake API server tests register: cluster-scoped <c>widgets.test.automode.io</c> with /status.</summary>
internal static class Widgets
{
    public const string Group = "test.automode.io";
    public const string Version = "v1";
    public const string Plural = "widgets";
    public const string ApiVersion = Group + "/" + Version;

    public static JsonObject Widget(string name, JsonObject? spec = null, Dictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        var widget = new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = "Widget", ["metadata"] = metadata };
        if (spec is not null)
        {
            widget["spec"] = spec;
        }

        return widget;
    }

    public static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();
}
