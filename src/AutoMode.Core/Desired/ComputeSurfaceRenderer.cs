using System.Text;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.Validation;

namespace AutoMode.Core.Desired;

/// <summary>
/// The 2025-2026 compute fields of a WorkloadClass -> their NodeClass and NodePool fields: the node identity (role or
/// instance profile), capacity reservations, FIPS, certificate bundles and static capacity. Shapes from the AWS docs
/// (https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html, auto-odcr.html,
/// auto-static-capacity.html); the NodePool replicas field from Karpenter v1.14.1's CRD. Pure and total, like
/// <see cref="DesiredStateRenderer"/>.
/// </summary>
public static class ComputeSurfaceRenderer
{
    /// <summary>NodeClass spec.role: the role name, unless the class uses an instance profile (the two are exclusive).</summary>
    public static string? Role(V1Alpha1WorkloadClassSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.InstanceProfile is not null && spec.NodeRole is null ? null : NodeRoleName.Reduce(spec.NodeRole ?? "");
    }

    /// <summary>NodeClass spec.instanceProfile, passed through.</summary>
    public static string? InstanceProfile(V1Alpha1WorkloadClassSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.NodeRole is null ? spec.InstanceProfile : null;
    }

    public static List<V1NodeClassCapacityReservationSelectorTerm>? CapacityReservations(V1Alpha1WorkloadClassSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.CapacityReservations is { Count: > 0 } terms
            ? [.. terms.Where(t => t is not null).Select(t => new V1NodeClassCapacityReservationSelectorTerm
            {
                Id = t.Id,
                Tags = t.Tags is null ? null : new SortedDictionary<string, string>(t.Tags, StringComparer.Ordinal),
                Owner = t.Owner,
            })]
            : null;
    }

    public static V1NodeClassAdvancedSecurity? AdvancedSecurity(V1Alpha1WorkloadClassSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.AdvancedSecurity is { } security ? new V1NodeClassAdvancedSecurity { Fips = security.Fips } : null;
    }

    /// <summary>The bundles with their PEM text base64-encoded (UTF-8), as the NodeClass takes them.</summary>
    public static List<V1NodeClassCertificateBundle>? CertificateBundles(V1Alpha1WorkloadClassSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.CertificateBundles is { Count: > 0 } bundles
            ? [.. bundles.Where(b => b is not null).Select(b => new V1NodeClassCertificateBundle
            {
                Name = b.Name ?? "",
                Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(b.Data ?? "")),
            })]
            : null;
    }

    /// <summary>
    /// NodePool spec.replicas for a static class: spec.staticNodes, or 0 while off-hours holds capacity down (the
    /// NodePool CRD allows minimum 0), so the scale back up restores exactly the spec's value. Null for a dynamic class.
    /// </summary>
    public static long? Replicas(V1Alpha1WorkloadClassSpec spec, RenderContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        return spec.StaticNodes is { } nodes ? (context.HoldCapacityDown ? 0 : nodes) : null;
    }

    /// <summary>
    /// Whether off-hours may hold capacity down through limits cpu/memory "0": only on dynamic pools. A static pool
    /// refuses any limit but limits.nodes (upstream CEL "only 'limits.nodes' is supported on static NodePools"); it
    /// goes down through replicas instead.
    /// </summary>
    public static bool HoldDownThroughLimits(V1Alpha1WorkloadClassSpec spec, RenderContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        return context.HoldCapacityDown && spec.StaticNodes is null;
    }
}
