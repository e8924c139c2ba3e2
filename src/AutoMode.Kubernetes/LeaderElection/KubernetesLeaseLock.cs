using System.Net;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.Models;

namespace AutoMode.Kubernetes.LeaderElection;

/// <summary>
/// An <see cref="ILock"/> on a coordination.k8s.io/v1 Lease, like client-go's <c>resourcelock/leaselock.go</c>: a
/// write replaces the whole spec of the Lease last read or written, so its resourceVersion makes every write
/// conditional (a candidate working from a stale read gets 409 Conflict and reads again).
/// Unlike the client's <c>LeaseLock</c> (kubernetes-client/csharp
/// <c>src/KubernetesClient/LeaderElection/ResourceLock/MetaObjectLock.cs</c>), which returns false for every API
/// error, only a 409 is "lost the race" (false): every other error propagates, so the elector can log its cause.
/// </summary>
public sealed class KubernetesLeaseLock(IKubernetes client, string @namespace, string name, string identity) : ILock
{
    private V1Lease? _lease;

    public string Identity => identity;

    /// <summary>Reads the record; a missing Lease throws <see cref="HttpOperationException"/> with 404, as client-go's Get does.</summary>
    public async Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default)
    {
        var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace, cancellationToken: cancellationToken);
        Volatile.Write(ref _lease, lease);
        var spec = lease.Spec ?? new V1LeaseSpec();
        return new LeaderElectionRecord
        {
            HolderIdentity = spec.HolderIdentity ?? string.Empty,
            // 15 s is the API's documented default for a Lease without a duration.
            LeaseDurationSeconds = spec.LeaseDurationSeconds ?? 15,
            AcquireTime = spec.AcquireTime,
            RenewTime = spec.RenewTime,
            LeaderTransitions = spec.LeaseTransitions ?? 0,
        };
    }

    public async Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var lease = new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
            Spec = Spec(record),
        };
        try
        {
            Volatile.Write(ref _lease, await client.CoordinationV1.CreateNamespacedLeaseAsync(lease, @namespace, cancellationToken: cancellationToken));
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // AlreadyExists: another candidate created it first.
            return false;
        }
    }

    public async Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var known = Volatile.Read(ref _lease) ?? throw new InvalidOperationException("Read or create the Lease before updating it.");
        // The object as last seen (its metadata, labels included, and resourceVersion) with the new spec.
        var lease = new V1Lease { ApiVersion = known.ApiVersion, Kind = known.Kind, Metadata = known.Metadata, Spec = Spec(record) };
        try
        {
            Volatile.Write(ref _lease, await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, name, @namespace, cancellationToken: cancellationToken));
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Someone wrote the Lease since our read.
            return false;
        }
    }

    public string Describe() => $"Lease {@namespace}/{name}";

    // An empty holderIdentity is written as "" (client-go writes &HolderIdentity): it means "free" to every candidate.
    private static V1LeaseSpec Spec(LeaderElectionRecord record) => new()
    {
        HolderIdentity = record.HolderIdentity ?? string.Empty,
        LeaseDurationSeconds = record.LeaseDurationSeconds,
        AcquireTime = record.AcquireTime,
        RenewTime = record.RenewTime,
        LeaseTransitions = record.LeaderTransitions,
    };
}
