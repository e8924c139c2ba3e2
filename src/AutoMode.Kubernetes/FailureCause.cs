using System.Globalization;
using System.Text.Json;
using k8s;
using k8s.Autorest;

namespace AutoMode.Kubernetes;

/// <summary>
/// Why a call to the API server failed, in one line: the exception type and message, the HTTP status and the
/// server's own message when there is one, and the causes inside (e.g. the SocketException under an
/// HttpRequestException). Never the stack trace: retried failures are logged with this at Warning, and the full
/// exception only at Debug, so an unreachable server costs one short line per attempt instead of kilobytes.
/// </summary>
public static class FailureCause
{
    private const int MaxCauses = 4;
    private const int MaxPartLength = 300;

    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var parts = new List<string>();
        for (var current = error; current is not null && parts.Count < MaxCauses; current = current.InnerException)
        {
            var part = Shorten(Part(current));
            if (!parts.Contains(part, StringComparer.Ordinal))
            {
                parts.Add(part);
            }
        }

        return parts.Count == 1 ? parts[0] : parts[0] + " (caused by " + string.Join("; caused by ", parts.Skip(1)) + ")";
    }

    private static string Part(Exception error) => error switch
    {
        HttpOperationException { Response: { } response } =>
            $"HTTP {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)} {response.StatusCode}{ServerMessage(response.Content)}",
        KubernetesException { Status: { } status } =>
            $"{nameof(KubernetesException)}: {status.Code?.ToString(CultureInfo.InvariantCulture) ?? "?"} {status.Reason}: {status.Message}",
        HttpRequestException { StatusCode: { } code } =>
            $"{nameof(HttpRequestException)}: HTTP {((int)code).ToString(CultureInfo.InvariantCulture)} {code}: {FirstLine(error.Message)}",
        TaskCanceledException => $"{nameof(TaskCanceledException)}: the request timed out or was cancelled",
        _ => $"{error.GetType().Name}: {FirstLine(error.Message)}",
    };

    /// <summary>The "message" of a Kubernetes Status body, when the response carries one.</summary>
    private static string ServerMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content) || content.TrimStart()[0] != '{')
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? ": " + FirstLine(message.GetString() ?? "")
                : "";
        }
        catch (JsonException)
        {
            // Not a Status: the status code says enough.
            return "";
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private static string Shorten(string text) => text.Length > MaxPartLength ? text[..(MaxPartLength - 3)] + "..." : text;

    /// <summary>A delay as people read it in a log line: 800ms, 1.6s, 30s.</summary>
    public static string Delay(TimeSpan delay) =>
        delay < TimeSpan.FromSeconds(1)
            ? ((int)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms"
            : delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
}
