using System.Threading.Channels;
using k8s.LeaderElection;

namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>
/// One lease record shared by several <see cref="InMemoryLock"/>s, with optimistic concurrency like a real Lease
/// (an update based on a stale read fails), a switch to make renewals fail, and a feed of successful writes.
/// </summary>
internal sealed class InMemoryLeaseStore
{
    private readonly Lock _gate = new();
    private LeaderElectionRecord? _record;
    private long _version;

    public Channel<string> Writes { get; } = Channel.CreateUnbounded<string>();

    /// <summary>When set, updates from this identity fail (a partitioned leader).</summary>
    public volatile string? FailUpdatesFrom;

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

    internal (LeaderElectionRecord? Record, long Version) Read()
    {
        lock (_gate)
        {
            return (_record is null ? null : Copy(_record), _version);
        }
    }

    internal bool TryCreate(LeaderElectionRecord record)
    {
        lock (_gate)
        {
            if (_record is not null)
            {
                return false;
            }

            _record = Copy(record);
            _version++;
        }

        Writes.Writer.TryWrite(record.HolderIdentity);
        return true;
    }

    internal bool TryUpdate(LeaderElectionRecord record, long basedOn, string identity)
    {
        lock (_gate)
        {
            if (FailUpdatesFrom == identity || basedOn != _version)
            {
                return false;
            }

            _record = Copy(record);
            _version++;
        }

        Writes.Writer.TryWrite(record.HolderIdentity);
        return true;
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
