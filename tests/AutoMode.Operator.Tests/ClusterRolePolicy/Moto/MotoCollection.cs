using AutoMode.Testing.Moto;

namespace AutoMode.Operator.Tests.ClusterRolePolicy.Moto;

/// <summary>The operator's moto tests share one moto_server process and run one at a time (each resets the account).</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto-operator";
}

/// <summary>Stops the collection's moto_server (and its process tree) when the collection is done.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public MotoServerOnDemand Server { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
