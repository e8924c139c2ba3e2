namespace AutoMode.Testing.Moto;

/// <summary>
/// One <see cref="MotoServer"/> for a whole test collection, started by the first test that asks (so a collection
/// whose tests are all skipped starts nothing) and stopped when the collection's fixture is disposed.
/// </summary>
public sealed class MotoServerOnDemand : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private MotoServer? server;

    /// <summary>The running server, reset to an empty account (tests of a collection run one at a time).</summary>
    public async Task<MotoServer> AcquireAsync()
    {
        await gate.WaitAsync();
        try
        {
            server ??= await MotoServer.StartAsync();
        }
        finally
        {
            gate.Release();
        }

        await server.ResetAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        gate.Dispose();
    }
}
