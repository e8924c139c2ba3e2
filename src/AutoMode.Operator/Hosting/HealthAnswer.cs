using System.Net;

namespace AutoMode.Operator.Hosting;

/// <summary>One probe's answer: the status code the kubelet acts on and a line for whoever curls it.</summary>
internal sealed record HealthAnswer(HttpStatusCode Status, string Text)
{
    public static HealthAnswer Ok { get; } = new(HttpStatusCode.OK, "ok");
}
