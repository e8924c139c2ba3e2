namespace AutoMode.Core.Scheduling;

/// <summary>A NodeClaim still terminating after <c>blockedAfter</c>: a PDB or a do-not-disrupt pod is probably holding it.</summary>
/// <param name="Name">The NodeClaim.</param>
/// <param name="NodeName">Its node, if registered.</param>
/// <param name="Since">When its deletion was requested.</param>
public sealed record BlockedNodeClaim(string Name, string? NodeName, DateTimeOffset Since);
