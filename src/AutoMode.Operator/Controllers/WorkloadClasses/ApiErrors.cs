using System.Text.Json;
using k8s.Autorest;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>The human message of a Kubernetes API error (the Status object's message), for conditions and events.</summary>
internal static class ApiErrors
{
    public static string Message(HttpOperationException error)
    {
        var content = error.Response?.Content;
        if (!string.IsNullOrEmpty(content))
        {
            try
            {
                using var status = JsonDocument.Parse(content);
                if (status.RootElement.ValueKind == JsonValueKind.Object &&
                    status.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not a Status object: fall back to the HTTP status below.
            }
        }

        return $"HTTP {(int?)error.Response?.StatusCode}";
    }
}
