using Amazon.Runtime;

namespace AutoMode.Aws;

/// <summary>Region precedence: explicit option, <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, then the SDK's chain (profile, IMDS).</summary>
public static class AwsRegionResolver
{
    public static string Resolve(string? configured, Func<string, string?> environment, Func<string?>? sdkFallback = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var region = NonEmpty(configured)
            ?? NonEmpty(environment("AWS_REGION"))
            ?? NonEmpty(environment("AWS_DEFAULT_REGION"))
            ?? NonEmpty((sdkFallback ?? SdkRegion)());
        return region ?? throw new InvalidOperationException(
            "No AWS region: set --region, AWS_REGION or AWS_DEFAULT_REGION, or configure a region in the AWS profile.");
    }

    private static string? SdkRegion() => FallbackRegionFactory.GetRegionEndpoint()?.SystemName;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
