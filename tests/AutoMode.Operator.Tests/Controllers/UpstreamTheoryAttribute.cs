using AutoMode.Testing.Schemas;

namespace AutoMode.Operator.Tests.Controllers;

/// <summary>A theory skipped, with a clear reason, when ../shared/crds/upstream (the NodePool and NodeClass schemas) is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UpstreamTheoryAttribute : TheoryAttribute
{
    public UpstreamTheoryAttribute()
    {
        if (RepositoryPaths.UpstreamCrds is null)
        {
            Skip = "../shared/crds/upstream is absent next to the repository root: the NodePool and NodeClass schemas are not available";
        }
    }
}
