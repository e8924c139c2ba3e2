using System.Text.Json.Nodes;
using AutoMode.Core.ThirdParty;
using k8s;
using k8s.Models;

namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>A minimal cluster-scoped custom object (test.automode.io/v1 Widget) for runtime tests against the fake API server.</summary>
internal sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "test.automode.io";
    public const string Version = "v1";
    public const string Plural = "widgets";

    public static ResourceDescriptor Resource { get; } = new(Group, Version, Plural, "Widget");

    public string ApiVersion { get; set; } = $"{Group}/{Version}";

    public string Kind { get; set; } = "Widget";

    public V1ObjectMeta Metadata { get; set; } = new();

    public WidgetSpec? Spec { get; set; }

    public WidgetStatus? Status { get; set; }

    /// <summary>JSON for <c>FakeApiServer.Put</c>.</summary>
    public static JsonObject Json(string name, int size = 1, IDictionary<string, string>? labels = null, IDictionary<string, string>? annotations = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        if (annotations is not null)
        {
            metadata["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        return new JsonObject
        {
            ["apiVersion"] = $"{Group}/{Version}",
            ["kind"] = "Widget",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["size"] = size },
        };
    }
}
