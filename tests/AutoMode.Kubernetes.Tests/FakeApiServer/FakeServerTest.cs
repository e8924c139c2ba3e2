using AutoMode.Testing.Kube;

namespace AutoMode.Kubernetes.Tests.FakeApi;

/// <summary>
/// A test class with its own fake API server and a real client to it, started per test; the server must end without
/// an internal error. Subclasses register their resources (and schemas or CEL rules) in <see cref="Configure"/>.
/// </summary>
public abstract class FakeServerTest : IAsyncLifetime
{
    protected FakeApiServer Server { get; private set; } = null!;

    protected k8s.Kubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeApiServer.StartAsync();
        Configure(Server);
        Client = Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        var errors = Server.ServerErrors;
        await Server.DisposeAsync();
        Assert.Empty(errors);
    }

    /// <summary>Registers what the tests serve, before the client is made.</summary>
    protected abstract void Configure(FakeApiServer server);
}
