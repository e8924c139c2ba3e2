namespace AutoMode.Aws;

/// <summary>Auto Mode compute settings of a cluster (<c>cluster.computeConfig</c>).</summary>
public sealed record EksComputeConfig(bool Enabled, IReadOnlyList<string> NodePools, string? NodeRoleArn);
