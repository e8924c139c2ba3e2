using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Core.Planning;

/// <summary>What the act steps did, as the report needs it.</summary>
/// <param name="NodeClass">The NodeClass of ours after the apply step (and a live re-read), or null.</param>
/// <param name="NodePool">The NodePool of ours after the apply step (and a live re-read), or null.</param>
/// <param name="Rejections">Applies the API server refused (400/422), as status messages.</param>
/// <param name="Drain">The off-hours drain step's result; null for a class without off-hours.</param>
/// <param name="OffHoursFlipped">Off-hours changed since this replica last acted on the class (report it once).</param>
/// <param name="WaitingForAutoMode">A child of ours exists and Auto Mode has not reported on it yet.</param>
public sealed record ActOutcome(
    V1NodeClass? NodeClass,
    V1NodePool? NodePool,
    IReadOnlyList<string> Rejections,
    DrainResult? Drain,
    bool OffHoursFlipped,
    bool WaitingForAutoMode);

/// <summary>What a drain step did and found.</summary>
public sealed record DrainResult(int Remaining, IReadOnlyList<string> Blocked, string? BlockedDetail, DateTimeOffset? RecheckAt)
{
    public static DrainResult Nothing(int remaining) => new(remaining, [], null, null);
}
