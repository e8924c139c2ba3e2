namespace AutoMode.Testing.Aws;

/// <summary>An access entry held by the fake EKS, with its associated access policy ARNs (cluster scope).</summary>
public sealed record FakeAwsAccessEntry(string ClusterName, string PrincipalArn, string Type, IReadOnlyList<string> PolicyArns);
