using System.Text.Json.Nodes;
using AutoMode.Testing.Kube;

namespace AutoMode.Testing.Crds;

/// <summary>
/// Makes the fake API server refuse CustomResourceDefinitions as a real one does (see
/// <see cref="CustomResourceDefinitionChecker"/>): 400 BadRequest when the schema does not decode strictly, 422 Invalid
/// with the apiextensions validation errors (message and details.causes in the API server's form) otherwise.
/// </summary>
internal static class CrdAdmission
{
    public const string Key = "customresourcedefinitions.apiextensions.k8s.io";

    /// <summary>Throws the API server's refusal when <paramref name="proposed"/> is a CRD it would not store.</summary>
    public static void Check(FakeResourceType type, JsonObject proposed)
    {
        if (type.Key != Key)
        {
            return;
        }

        var result = CustomResourceDefinitionChecker.Check(proposed);
        if (result.DecodeErrors.Count > 0)
        {
            throw FakeApiException.BadRequest(result.Message);
        }

        if (result.Errors.Count > 0)
        {
            var causes = new JsonArray([.. result.Errors.Select(e => (JsonNode)new JsonObject { ["reason"] = e.CauseType, ["message"] = e.Body, ["field"] = e.Field })]);
            var details = new JsonObject { ["name"] = result.Name, ["group"] = type.Group, ["kind"] = type.Kind, ["causes"] = causes };
            throw new FakeApiException(422, "Invalid", result.Message, details);
        }
    }
}
