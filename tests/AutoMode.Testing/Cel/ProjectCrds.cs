using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Testing.Schemas;

namespace AutoMode.Testing.Cel;

/// <summary>
/// The CEL rules a cluster running this operator enforces: the WorkloadClass CRD from crds/, and, when
/// ../shared/crds/upstream is present, the EKS Auto Mode NodePool and NodeClass schemas (as served by an Auto Mode
/// cluster), so the operator's writes meet the rules Auto Mode's API server applies. Not NodeClaims: their rules read
/// expireAfter, which the real server defaults before validation and the fake does not (no CRD defaulting yet), and
/// the operator never writes a NodeClaim spec.
/// </summary>
public static class ProjectCrds
{
    /// <summary>Registers the rules on <paramref name="admission"/>; returns the upstream files used (empty when absent).</summary>
    public static IReadOnlyList<string> Install(CelAdmission admission)
    {
        ArgumentNullException.ThrowIfNull(admission);
        admission.Use(WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural, Cached(RepositoryPaths.Combine("crds", "workloadclasses.automode.io.yaml")));
        if (RepositoryPaths.UpstreamCrds is not { } upstream)
        {
            return [];
        }

        var used = new List<string>();
        void Use(string group, string plural, string file)
        {
            var path = Path.Combine(upstream, file);
            if (File.Exists(path))
            {
                admission.Use(group, "v1", plural, Cached(path));
                used.Add(file);
            }
        }

        Use("karpenter.sh", "nodepools", "automode.karpenter.sh_nodepool_v1.imroc-32f51d9.json");
        Use("eks.amazonaws.com", "nodeclasses", "automode.eks.amazonaws.com_nodeclass_v1.imroc-32f51d9.json");
        return used;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CrdCelValidator> Validators = new(StringComparer.Ordinal);

    // Compiling ~100 rules per schema once per process keeps the many short-lived test servers cheap.
    private static CrdCelValidator Cached(string path) => Validators.GetOrAdd(path, p => CrdCelValidator.Load(p, p.EndsWith(".yaml", StringComparison.Ordinal) ? WorkloadClassApi.Version : null));
}
