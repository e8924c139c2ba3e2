using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Schemas;

/// <summary>A fact that is skipped, with a clear reason, when ../shared/crds/upstream is absent (xunit v2 has no dynamic skip).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UpstreamFactAttribute : FactAttribute
{
    public UpstreamFactAttribute()
    {
        if (RepositoryPaths.UpstreamCrds is null)
        {
            Skip = "../shared/crds/upstream is absent next to the repository root; upstream schema checks skipped";
        }
    }
}
