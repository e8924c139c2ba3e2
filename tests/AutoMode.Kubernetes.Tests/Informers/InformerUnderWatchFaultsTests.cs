using AutoMode.Kubernetes.Informers;
using AutoMode.Kubernetes.Tests.Support;
using AutoMode.Testing.Kube;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Kubernetes.Tests.Informers;

/// <summary>
/// The informer must never lose an event: under dropped watch streams, injected 410s, connection resets and history
/// compaction, with objects created, updated and deleted all the while, its cache ends equal to the server.
/// </summary>
public sealed class InformerUnderWatchFaultsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task CacheEndsEqualToTheServer(int seed)
    {
        await using var server = await FakeApiServer.StartAsync();
        server.AddResource(Widget.Group, Widget.Version, Widget.Plural, "Widget");
        var random = new Random(seed);
        using var client = server.CreateClient();
        var informer = new Informer<Widget>(client, Widget.Resource, NullLogger.Instance,
            new InformerOptions { ResyncPeriod = TimeSpan.Zero, MinBackoff = TimeSpan.FromMilliseconds(5), MaxBackoff = TimeSpan.FromMilliseconds(50) });
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WithTimeout();
        server.Faults = new FaultPlan(seed)
        {
            WatchDropped = 0.4,
            DropWatchAfterEvents = 1 + random.Next(5),
            WatchExpired = 0.1,
            ConnectionReset = 0.1,
            SlowResponse = 0.2,
        };

        for (var step = 0; step < 1000; step++)
        {
            var name = $"w{random.Next(40)}";
            switch (random.Next(10))
            {
                case < 6:
                    server.Put(Widget.Json(name, size: random.Next(1000)));
                    break;
                case < 8:
                    server.Delete(Widget.Plural, name);
                    break;
                case 8:
                    server.DropWatches();
                    break;
                default:
                    if (random.Next(10) == 0)
                    {
                        server.ExpireHistory();
                        server.DropWatches();
                    }

                    break;
            }

            if (step % 3 == 0)
            {
                await Task.Delay(1);
            }
        }

        server.Faults = null;
        server.DropWatches();
        string Server() => string.Join(",", server.List(Widget.Plural).Select(o => $"{o["metadata"]!["name"]}@{o["metadata"]!["resourceVersion"]}").Order());
        string Cache() => string.Join(",", informer.Store.List().Select(o => $"{o.Metadata.Name}@{o.Metadata.ResourceVersion}").Order());
        // Real HTTP on both sides: a bounded wait for the last reconnect, not a schedule.
        using var patience = new CancellationTokenSource(TestTimeouts.Default);
        while (Server() != Cache() && !patience.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        Assert.Equal(Server(), Cache());
        await stop.CancelAsync();
        await run.WithTimeout();
    }
}
