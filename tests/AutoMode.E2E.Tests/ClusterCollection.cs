namespace AutoMode.E2E.Tests;

/// <summary>One cluster, one operator: every end-to-end test shares the fixture and runs one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
