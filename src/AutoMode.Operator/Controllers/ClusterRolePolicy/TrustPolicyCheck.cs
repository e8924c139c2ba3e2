using System.Text.Json;

namespace AutoMode.Operator.Controllers.ClusterRolePolicy;

/// <summary>
/// Whether a role's trust policy lets EKS tag its session: the tag-propagation policy compares request tags with
/// ${aws:PrincipalTag/eks:eks-cluster-name}, which exists only when eks.amazonaws.com may call sts:TagSession.
/// </summary>
internal static class TrustPolicyCheck
{
    public static bool AllowsTagSession(string? trustPolicy)
    {
        if (string.IsNullOrWhiteSpace(trustPolicy))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(trustPolicy);
            if (!document.RootElement.TryGetProperty("Statement", out var statements))
            {
                return false;
            }

            var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
            return list.Any(s =>
                Text(s, "Effect") == "Allow" &&
                Values(s, "Action").Any(a => a is "sts:TagSession" or "sts:*" or "*") &&
                s.TryGetProperty("Principal", out var principal) &&
                principal.ValueKind == JsonValueKind.Object &&
                Values(principal, "Service").Contains("eks.amazonaws.com"));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Values(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList(),
            _ => [],
        };
    }
}
