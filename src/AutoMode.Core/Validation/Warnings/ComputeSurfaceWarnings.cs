using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Validation.Warnings;

/// <summary>
/// Warnings for the compute-surface fields: valid, but (partly) without effect or against AWS's advice. Never throws.
/// </summary>
internal static class ComputeSurfaceWarnings
{
    public static IEnumerable<ValidationError> For(V1Alpha1WorkloadClassSpec? spec)
    {
        if (spec is null)
        {
            yield break;
        }

        // Nodes launched into a selected reservation are labelled karpenter.sh/capacity-type=reserved
        // (https://docs.aws.amazon.com/eks/latest/userguide/auto-odcr.html); a pool that does not allow reserved never uses them.
        if (spec.CapacityReservations is { Count: > 0 } && spec.Instances?.CapacityTypes?.Contains("reserved") != true)
        {
            yield return new("spec.instances.capacityTypes",
                "capacityReservations selects reservations, but capacityTypes does not allow \"reserved\", so no node launches into them; add reserved");
        }

        // AWS: "Set limits.nodes higher than replicas to allow temporary scaling during node replacement operations"
        // (https://docs.aws.amazon.com/eks/latest/userguide/auto-static-capacity.html, best practices).
        if (spec.StaticNodes is { } nodes && spec.Limits is { } limits && limits.TryGetValue("nodes", out var limit)
            && long.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max <= nodes)
        {
            yield return new("spec.limits[\"nodes\"]", max < nodes
                ? $"\"{limit}\" is below staticNodes {nodes}: the pool can never keep {nodes} nodes; raise limits.nodes above staticNodes"
                : $"\"{limit}\" equals staticNodes: drift replacement cannot add a node before removing one; AWS advises limits.nodes above staticNodes");
        }

        // create-node-class.html: "instance profile names must start with the 'eks' prefix. this is a temporary limitation".
        if (spec.InstanceProfile is { Length: > 0 } profile && !profile.StartsWith("eks", StringComparison.Ordinal))
        {
            yield return new("spec.instanceProfile",
                $"\"{(profile.Length > 100 ? profile[..97] + "..." : profile)}\" does not start with \"eks\": AWS documents that EKS Auto Mode currently accepts only instance profiles named eks...; rename the profile if the NodeClass is not Ready");
        }
    }
}
