using System.Globalization;

namespace AutoMode.Core.Validation;

/// <summary>How errors name fields and quote values: JSON-path-like paths, truncated and escaped quotes.</summary>
internal static class ValidationPaths
{
    public static string Field(string parent, string name) => parent + "." + name;

    public static string Index(string parent, int index) => $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";

    public static string Key(string parent, string key) => $"{parent}[\"{Escape(key)}\"]";

    public static string Q(string? value) => value is null ? "null" : "\"" + Escape(value) + "\"";

    /// <summary>Map entries in ordinal key order, so errors come out in the same order on every run.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Ordered(IDictionary<string, string> map) =>
        map.OrderBy(p => p.Key, StringComparer.Ordinal);

    private static string Escape(string value) =>
        Truncate(value).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string Truncate(string value) => value.Length > 100 ? value[..97] + "..." : value;
}
