using System.Text.RegularExpressions;

namespace AutoMode.Core.Validation;

/// <summary>Kubernetes label key/value syntax, as the CRD patterns state it (with \z: .NET's $ also matches before a final newline, RE2's does not).</summary>
internal static partial class LabelKeySyntax
{
    public const int MaxKeyLength = 316;
    public const int MaxValueLength = 63;

    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && Key().IsMatch(key);

    public static bool IsValidValue(string value) => value.Length <= MaxValueLength && Value().IsMatch(value);

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?\z")]
    private static partial Regex Key();

    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\z")]
    private static partial Regex Value();
}
