using System.Text.RegularExpressions;

namespace AutoMode.Core.Validation;

/// <summary>Kubernetes resource quantity syntax (e.g. 100, 500m, 64Gi, 1e3), non-negative, as the CRD pattern for limits states it.</summary>
public static partial class KubeQuantity
{
    /// <summary>Longest quantity string accepted (the CRD's maxLength).</summary>
    public const int MaxLength = 64;

    /// <summary>True when <paramref name="text"/> is a non-negative quantity.</summary>
    public static bool IsValid(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= MaxLength && Quantity().IsMatch(text);

    [GeneratedRegex(@"^(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?\z")]
    private static partial Regex Quantity();
}
