namespace AutoMode.Core.Validation;

/// <summary>
/// AWS tag rules for NodeClass <c>spec.tags</c>: the keys EKS Auto Mode reserves (its CRD rejects them) and the
/// general AWS limits (50 tags, keys 1-128 characters without the <c>aws:</c> prefix, values at most 256).
/// </summary>
public static class RestrictedTags
{
    public const int MaxTags = 50;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    /// <summary>Any key starting with this is rejected (Auto Mode's rule has no trailing '/').</summary>
    public const string ClusterTagPrefix = "kubernetes.io/cluster";

    /// <summary>Keys EKS Auto Mode sets itself.</summary>
    public static IReadOnlySet<string> ReservedKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "karpenter.sh/provisioner-name", "karpenter.sh/nodepool", "karpenter.sh/nodeclaim", "karpenter.sh/managed-by",
        "eks.amazonaws.com/nodeclass",
    };

    /// <summary>True when Auto Mode or AWS refuses <paramref name="key"/> as a user tag.</summary>
    public static bool IsRestricted(string key) => KeyProblems(key).Count > 0;

    /// <summary>Why <paramref name="key"/> may not be used; one message per CRD rule it breaks, empty when allowed.</summary>
    public static IReadOnlyList<string> KeyProblems(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var problems = new List<string>();
        if (key.Length == 0)
        {
            problems.Add("empty tag keys aren't supported; give every tag a key");
        }

        if (key.EnumerateRunes().Count() > MaxKeyLength)
        {
            problems.Add($"AWS tag keys are at most {MaxKeyLength} characters; shorten the key");
        }

        if (HasAwsPrefix(key))
        {
            problems.Add("tag keys starting with \"aws:\" are reserved by AWS; remove the tag or rename the key");
        }

        if (key.StartsWith(ClusterTagPrefix, StringComparison.Ordinal))
        {
            problems.Add("tag contains a restricted tag matching kubernetes.io/cluster/; EKS Auto Mode sets it, remove the tag");
        }

        if (ReservedKeys.Contains(key))
        {
            problems.Add($"tag contains a restricted tag matching {key}; Auto Mode sets it, remove the tag");
        }

        return problems;
    }

    // ASCII-only on purpose: the CRD lists the eight letter-case spellings of "aws:", and OrdinalIgnoreCase would also
    // fold characters such as U+017F (long s) to 'S'.
    private static bool HasAwsPrefix(string key) =>
        key.Length >= 4 && key[0] is 'a' or 'A' && key[1] is 'w' or 'W' && key[2] is 's' or 'S' && key[3] is ':';
}
