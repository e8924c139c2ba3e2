using k8s.LeaderElection;

namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>
/// An <see cref="ILock"/> over an <see cref="InMemoryLeaseStore"/>, in the spirit of the client's MockResourceLock.
/// Like a Lease lock (kubernetes-client/csharp ResourceLock/MetaObjectLock.cs, client-go resourcelock/leaselock.go) it
/// remembers the version of the object it last read or wrote, and an update is conditional on that version.
/// </summary>
internal sealed class InMemoryLock(InMemoryLeaseStore store, string identity) : ILock
{
    private long _knownVersion = -1;

    public string Identity => identity;

    public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default)
    {
        var (record, version) = store.Read();
        Interlocked.Exchange(ref _knownVersion, version);
        return Task.FromResult(record!);
    }

    public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        Task.FromResult(Remember(store.TryCreate(record)));

    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        Task.FromResult(Remember(store.TryUpdate(record, Interlocked.Read(ref _knownVersion), identity)));

    public string Describe() => $"in-memory lease ({identity})";

    private bool Remember(long? version)
    {
        if (version is not { } written)
        {
            return false;
        }

        Interlocked.Exchange(ref _knownVersion, written);
        return true;
    }
}
