using System.Text.Json;
using System.Text.Json.Nodes;
using AutoMode.Core.Serialization;

namespace AutoMode.Testing.Kube;

/// <summary>Reads request bodies: JSON (which clients usually send) or YAML (which apply-patch+yaml names).</summary>
internal static class RequestBody
{
    public static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Not JSON: apply-patch+yaml bodies may be real YAML, read below.
        }

        // The API server reads YAML bodies with sigs.k8s.io/yaml (YAML 1.1), as Core's reader does.
        var (node, error) = YamlJsonReader.ReadDocuments(text).FirstOrDefault();
        return error is null ? node : throw FakeApiException.BadRequest($"body is neither JSON nor YAML: {error}");
    }
}
