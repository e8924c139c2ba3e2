namespace AutoMode.Aws;

/// <summary>An AWS partition: ARNs and the global IAM endpoint differ per partition.</summary>
public sealed record AwsPartition(string Name, string IamSigningRegion, string DnsSuffix);
