using AutoMode.Core.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>Whether a generated-looking object is really ours: a controller ownerReference to this WorkloadClass's uid.</summary>
internal static class Ownership
{
    public static bool IsControlledBy(IKubernetesObject<V1ObjectMeta> child, V1Alpha1WorkloadClass owner) =>
        child.Metadata?.OwnerReferences?.Any(r =>
            r.Controller == true &&
            r.Kind == WorkloadClassApi.Kind &&
            r.ApiVersion == WorkloadClassApi.ApiVersion &&
            r.Uid == owner.Metadata.Uid) == true;

    /// <summary>Who does own it, for the Conflict message.</summary>
    public static string DescribeOwner(IKubernetesObject<V1ObjectMeta> child)
    {
        var controller = child.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
        if (controller is not null)
        {
            return $"controlled by {controller.Kind} {controller.Name}";
        }

        var managers = child.Metadata?.ManagedFields?.Select(f => f.Manager).Where(m => !string.IsNullOrEmpty(m)).Distinct().ToList();
        return managers is { Count: > 0 } ? "managed by " + string.Join(", ", managers) : "not owned by any WorkloadClass";
    }
}
