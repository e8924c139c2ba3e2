namespace AutoMode.Core.Scheduling;

/// <summary>A NodeClaim the drain leaves alone, and why (one of <see cref="DrainSkipReasons"/>).</summary>
public sealed record SkippedNodeClaim(string Name, string? NodeName, string Reason);
