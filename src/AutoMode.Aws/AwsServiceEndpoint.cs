namespace AutoMode.Aws;

/// <summary>Where to send requests for one service and how to scope their SigV4 signature.</summary>
/// <param name="Url">Base URL (scheme, host, optional port and path prefix).</param>
/// <param name="SigningRegion">Region in the SigV4 credential scope.</param>
/// <param name="SigningName">Service name in the SigV4 credential scope (<c>iam</c>, <c>eks</c>).</param>
/// <param name="Partition">Partition the signing region belongs to (ARNs are built with it).</param>
/// <param name="IsOverride">True when the URL came from an <c>AWS_ENDPOINT_URL*</c> variable.</param>
public sealed record AwsServiceEndpoint(Uri Url, string SigningRegion, string SigningName, AwsPartition Partition, bool IsOverride);
