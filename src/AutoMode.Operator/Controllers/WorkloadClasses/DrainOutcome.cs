namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>What a drain step did and found.</summary>
internal sealed record DrainOutcome(int Remaining, IReadOnlyList<string> Blocked, string? BlockedDetail, DateTimeOffset? RecheckAt)
{
    public static DrainOutcome Nothing(int remaining) => new(remaining, [], null, null);
}
