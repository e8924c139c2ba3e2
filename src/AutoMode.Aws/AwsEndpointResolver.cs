namespace AutoMode.Aws;

/// <summary>
/// Resolves the IAM (global, per partition) and EKS (regional) endpoints, honouring the SDK-standard
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> and <c>AWS_ENDPOINT_URL</c> overrides (service-specific wins) and
/// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c>. Pure: the environment is a lookup function.
/// </summary>
public sealed class AwsEndpointResolver(Func<string, string?> environment)
{
    public const string IamSigningName = "iam";
    public const string EksSigningName = "eks";

    public static AwsEndpointResolver FromProcessEnvironment() => new(Environment.GetEnvironmentVariable);

    /// <summary>IAM is global: the host and signing region depend only on the partition of <paramref name="region"/>.</summary>
    public AwsServiceEndpoint ResolveIam(string region)
    {
        var partition = AwsPartition.FromRegion(region);
        var overridden = Override("IAM");
        var url = overridden ?? new Uri($"https://{partition.IamHost}");
        return new AwsServiceEndpoint(url, partition.IamSigningRegion, IamSigningName, partition, overridden is not null);
    }

    /// <summary>EKS is regional: <c>https://eks.{region}.{dnsSuffix}</c>, signed for the region itself.</summary>
    public AwsServiceEndpoint ResolveEks(string region)
    {
        var partition = AwsPartition.FromRegion(region);
        var overridden = Override("EKS");
        var url = overridden ?? new Uri($"https://eks.{region}.{partition.DnsSuffix}");
        return new AwsServiceEndpoint(url, region, EksSigningName, partition, overridden is not null);
    }

    private Uri? Override(string serviceId)
    {
        if (string.Equals(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = NonEmpty(environment($"AWS_ENDPOINT_URL_{serviceId}")) ?? NonEmpty(environment("AWS_ENDPOINT_URL"));
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Endpoint override for {serviceId} is not an absolute http(s) URL: '{value}'.");
        }

        return uri;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
