using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Core.Planning;

/// <summary>
/// Changes the running children cannot take in place, found by comparing them with the desired objects: a NodePool
/// switching between static (replicas) and dynamic, and a NodeClass switching between role and instance profile or to
/// another profile. The WorkloadClass CRD refuses these edits with CEL transition rules; this is the same refusal for
/// whatever gets past them (a class re-created over orphaned children, a CRD installed without the rules), so the
/// operator never sends an apply that can only be rejected, and the status names the way out.
/// <para>
/// Why no in-place static/dynamic switch: upstream CEL ("Cannot transition NodePool between static (replicas set) and
/// dynamic (replicas unset) provisioning modes", Karpenter v1.14.1 karpenter.sh_nodepools.yaml) forbids it on the
/// NodePool, and the NodePool's name is the class's name (the karpenter.sh/nodepool label every node and every
/// workload's nodeSelector sees). A switch would need a second NodePool under another name, new nodes beside the old
/// ones and the workloads moved over: the same migration as a role change, which the user does with a second class.
/// </para>
/// </summary>
public static class ModeSwitches
{
    /// <summary>The message for a running NodePool whose static/dynamic mode differs from the desired one, or null.</summary>
    public static string? NodePool(V1NodePool? observed, V1NodePool desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (observed is null || observed.Spec.Replicas.HasValue == desired.Spec.Replicas.HasValue)
        {
            return null;
        }

        var (running, wanted) = observed.Spec.Replicas.HasValue ? ("static", "dynamic") : ("dynamic", "static");
        return $"spec.staticNodes: NodePool {desired.Metadata.Name} runs {running}, and a NodePool cannot switch between static and dynamic; " +
               $"{(running == "static" ? "set staticNodes again" : "remove staticNodes")}, or create a second WorkloadClass that is {wanted}, move the workloads, then delete this one";
    }

    /// <summary>The message for a running NodeClass whose instance profile (or role/profile choice) differs from the desired one, or null.</summary>
    public static string? NodeClass(V1NodeClass? observed, V1NodeClass desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (observed is null)
        {
            return null;
        }

        var runningProfile = observed.Spec.InstanceProfile;
        var wantedProfile = desired.Spec.InstanceProfile;
        if (runningProfile is null && wantedProfile is null)
        {
            return null; // a role change: ClassPlanner.RoleChanged
        }

        if (runningProfile == wantedProfile)
        {
            return null;
        }

        var running = runningProfile is null ? $"role \"{observed.Spec.Role}\"" : $"instance profile \"{runningProfile}\"";
        return $"spec.instanceProfile: NodeClass {desired.Metadata.Name} runs with {running}, and the identity of an EKS Auto Mode NodeClass cannot change; " +
               "put it back, or create a new WorkloadClass with the new identity, move the workloads, then delete this one";
    }
}
