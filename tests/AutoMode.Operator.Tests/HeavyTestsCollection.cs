namespace AutoMode.Operator.Tests;

/// <summary>
/// Long, CPU-heavy scenario tests (hundreds of classes under faults) run on their own, after the parallel tests, so
/// they never starve the timing-sensitive ones on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyTestsCollection
{
    public const string Name = "heavy";
}
