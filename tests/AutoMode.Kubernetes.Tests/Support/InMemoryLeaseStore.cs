using System.Net.Sockets;
using System.Threading.Channels;
using k8s.LeaderElection;

namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>
/// One lease record shared by several <see cref="InMemoryLock"/>s, with optimistic concurrency like a real Lease
/// (an update based on a stale read fails), switches to make renewals fail or the whole server unreachable, and a
/// feed of successful writes.
/// </summary>
internal sealed class InMemoryLeaseStore
{
    private readonly Lock _gate = new();
    private LeaderElectionRecord? _record;
    private long _version;

    public Channel<string> Writes { get; } = Channel.CreateUnbounded<string>();

    /// <summary>When set, updates from this identity fail (a partitioned leader).</summary>
    public volatile string? FailUpdatesFrom;

    /// <summary>
    /// While set, every call throws what the client throws when the API server is down (a refused connection), as
    /// during an API server restart.
    /// </summary>
    public volatile bool Unreachable;

    public string? Holder
    {
        get
        {
            lock (_gate)
            {
                return _record?.HolderIdentity;
            }
        }
    }

    /// <summary>The stored record (a copy), or null.</summary>
    public LeaderElectionRecord? Record
    {
        get
        {
            lock (_gate)
            {
                return _record is null ? null : Copy(_record);
            }
        }
    }

    internal (LeaderElectionRecord? Record, long Version) Read()
    {
        ThrowIfUnreachable();
        lock (_gate)
        {
            return (_record is null ? null : Copy(_record), _version);
        }
    }

    /// <summary>The new version, or null when a record already exists.</summary>
    internal long? TryCreate(LeaderElectionRecord record)
    {
        ThrowIfUnreachable();
        long version;
        lock (_gate)
        {
            if (_record is not null)
            {
                return null;
            }

            _record = Copy(record);
            version = ++_version;
        }

        Writes.Writer.TryWrite(record.HolderIdentity);
        return version;
    }

    /// <summary>The new version, or null when <paramref name="basedOn"/> is stale (a 409) or updates from this identity fail.</summary>
    internal long? TryUpdate(LeaderElectionRecord record, long basedOn, string identity)
    {
        ThrowIfUnreachable();
        long version;
        lock (_gate)
        {
            if (FailUpdatesFrom == identity || basedOn != _version)
            {
                return null;
            }

            _record = Copy(record);
            version = ++_version;
        }

        Writes.Writer.TryWrite(record.HolderIdentity);
        return version;
    }

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:6443)", new SocketException((int)SocketError.ConnectionRefused));
        }
    }

    private static LeaderElectionRecord Copy(LeaderElectionRecord r) => new()
    {
        HolderIdentity = r.HolderIdentity,
        LeaseDurationSeconds = r.LeaseDurationSeconds,
        AcquireTime = r.AcquireTime,
        RenewTime = r.RenewTime,
        LeaderTransitions = r.LeaderTransitions,
    };
}
