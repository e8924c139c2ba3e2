using AutoMode.Testing.Moto;

namespace AutoMode.Operator.Tests.ClusterRolePolicy.Moto;

/// <summary>A fact that runs against moto_server; skipped with the reason when it is not installed, never skipped under CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        Skip = MotoServer.SkipReason;
    }
}
