using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using k8s;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>Statuses compared as they travel on the wire, so a status equal to the stored one is never written.</summary>
internal static class StatusEquality
{
    /// <summary>The status as it travels on the wire, in a stable text form.</summary>
    public static string Canonical(V1Alpha1WorkloadClassStatus status) => JsonNode.Parse(KubernetesJson.Serialize(status))!.ToJsonString();
}
