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

    /// <summary>
    /// Controlled by a WorkloadClass of the same name that is not <paramref name="owner"/>: an earlier class, deleted,
    /// since only one class of a name exists at a time. The garbage collector deletes such an object.
    /// </summary>
    public static bool IsControlledByEarlierClass(IKubernetesObject<V1ObjectMeta> child, V1Alpha1WorkloadClass owner) =>
        ControllerClassName(child) == owner.Metadata.Name && !IsControlledBy(child, owner);

    /// <summary>
    /// The name of the WorkloadClass named by the object's controller ownerReference, or null. This, never a label,
    /// maps an event on a generated object to its class: labels can be edited away or copied onto other objects.
    /// </summary>
    public static string? ControllerClassName(IKubernetesObject<V1ObjectMeta> child) =>
        child.Metadata?.OwnerReferences?.FirstOrDefault(r =>
            r.Controller == true &&
            r.Kind == WorkloadClassApi.Kind &&
            r.ApiVersion == WorkloadClassApi.ApiVersion)?.Name;

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
