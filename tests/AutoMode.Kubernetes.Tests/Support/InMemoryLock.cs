using k8s.LeaderElection;

namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>An <see cref="ILock"/> over an <see cref="InMemoryLeaseStore"/>, in the spirit of the client's MockResourceLock.</summary>
internal sealed class InMemoryLock(InMemoryLeaseStore store, string identity) : ILock
{
    private long _lastReadVersion = -1;

    public string Identity => identity;

    public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default)
    {
        var (record, version) = store.Read();
        Interlocked.Exchange(ref _lastReadVersion, version);
        return Task.FromResult(record!);
    }

    public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.TryCreate(record));

    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.TryUpdate(record, Interlocked.Read(ref _lastReadVersion), identity));

    public string Describe() => $"in-memory lease ({identity})";
}
