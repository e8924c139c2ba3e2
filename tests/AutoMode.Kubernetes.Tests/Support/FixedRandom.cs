namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>Deterministic jitter: NextDouble always returns the given value.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
