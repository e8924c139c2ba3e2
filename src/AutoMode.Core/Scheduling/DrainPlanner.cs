using System.Globalization;

namespace AutoMode.Core.Scheduling;

/// <summary>
/// Paces NodeClaim deletion while off-hours is active. Deleting a NodeClaim hands the node to Karpenter's termination
/// flow (taint, evictions through the Eviction API so PDBs hold, then instance termination); the operator never calls
/// EC2. No progress is remembered: NodeClaims already terminating count against <c>maxUnavailable</c>, so the next
/// batch starts only as earlier ones disappear, and a restarted operator computes the same plan.
/// </summary>
public static class DrainPlanner
{
    /// <summary>Default for <c>drain.blockedAfter</c>.</summary>
    public static readonly TimeSpan DefaultBlockedAfter = TimeSpan.FromHours(1);

    /// <summary>Default for <c>drain.maxUnavailable</c>.</summary>
    public const int DefaultMaxUnavailable = 1;

    public static DrainPlan Plan(DrainPlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var claims = input.NodeClaims;
        var terminating = claims.Where(c => c.DeletionRequestedAt is not null).ToList();
        var drain = input.Drain;
        if (drain?.Enabled != true)
        {
            return new DrainPlan([], [], [], claims.Count, 0, terminating.Count, null);
        }

        if (!TryResolveMaxUnavailable(drain.MaxUnavailable, claims.Count, out var maxUnavailable))
        {
            return Invalid($"drain.maxUnavailable: \"{drain.MaxUnavailable}\" is not a count (2) or a percentage (25%)");
        }

        var blockedAfter = DefaultBlockedAfter;
        if (!string.IsNullOrEmpty(drain.BlockedAfter) && (!GoDuration.TryParse(drain.BlockedAfter, out blockedAfter) || blockedAfter < TimeSpan.Zero))
        {
            return Invalid($"drain.blockedAfter: \"{drain.BlockedAfter}\" is not a non-negative duration such as 30m");
        }

        var blocked = terminating
            .Where(c => input.Now - c.DeletionRequestedAt!.Value >= blockedAfter)
            .OrderBy(c => c.DeletionRequestedAt!.Value)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new BlockedNodeClaim(c.Name, c.NodeName, c.DeletionRequestedAt!.Value))
            .ToList();
        DateTimeOffset? recheckAt = terminating
            .Select(c => Instants.Add(c.DeletionRequestedAt!.Value, blockedAfter))
            .Where(at => at > input.Now)
            .Order()
            .Cast<DateTimeOffset?>()
            .FirstOrDefault();

        var skipped = new List<SkippedNodeClaim>();
        var deletable = new List<NodeClaimSnapshot>();
        foreach (var claim in claims
            .Where(c => c.DeletionRequestedAt is null)
            .OrderBy(c => c.CreatedAt)
            .ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            if (claim.NodeName is { } node && node == input.OperatorNodeName && !input.OperatorHasOtherReadyReplicas)
            {
                skipped.Add(new SkippedNodeClaim(claim.Name, node, DrainSkipReasons.SelfProtection));
            }
            else if (claim.NodeName is { } protectedNode && input.NodesWithProtectedPods.Contains(protectedNode))
            {
                skipped.Add(new SkippedNodeClaim(claim.Name, protectedNode, DrainSkipReasons.ProtectedNamespace));
            }
            else
            {
                deletable.Add(claim);
            }
        }

        var allowed = Math.Max(0, maxUnavailable - terminating.Count);
        return new DrainPlan([.. deletable.Take(allowed)], blocked, skipped, claims.Count, maxUnavailable, terminating.Count, recheckAt);

        DrainPlan Invalid(string error) => new([], [], [], claims.Count, 0, terminating.Count, null, error);
    }

    /// <summary>A count, or a percentage of the pool's NodeClaims now, rounded up and at least 1.</summary>
    private static bool TryResolveMaxUnavailable(string? value, int poolSize, out int maxUnavailable)
    {
        maxUnavailable = DefaultMaxUnavailable;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (value.EndsWith('%'))
        {
            if (!int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent) || percent > 100)
            {
                return false;
            }

            maxUnavailable = Math.Max(1, (int)Math.Ceiling(poolSize * percent / 100.0));
            return true;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out maxUnavailable);
    }
}
