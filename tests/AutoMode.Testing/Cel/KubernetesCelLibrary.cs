using System.Text.RegularExpressions;
using Cel;

namespace AutoMode.Testing.Cel;

/// <summary>
/// The part of the Kubernetes CEL environment (k8s.io/apiserver/pkg/cel/library, environment/base.go) that the CRDs
/// we evaluate use, on top of what Cel 0.3.3 provides: <c>find</c> and <c>findAll</c> (library/regex.go), RE2-style
/// <c>matches</c>, and <c>has()</c> with Kubernetes' meaning for objects decoded from JSON: the field is present.
/// Cel 0.3.3's own <c>has()</c> follows proto3 presence, where an empty string, list or map counts as absent; for a
/// custom resource <c>has(self.tags)</c> is true for <c>tags: {}</c> (the value is an unstructured map).
/// Anything else a rule calls (strings/lists extensions, quantity, url, ip/cidr, optionals) is reported by
/// <see cref="UnsupportedCalls"/> rather than guessed at.
/// </summary>
public static partial class KubernetesCelLibrary
{
    /// <summary>Functions and macros a rule may call here: Cel 0.3.3's built-ins (Internal/CelFunctions.cs, CelMacros.cs) plus the ones registered below.</summary>
    public static IReadOnlySet<string> Supported { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        // Cel 0.3.3 built-ins.
        "bool", "bytes", "double", "int", "uint", "string", "timestamp", "duration", "type", "dyn",
        "getHours", "getMinutes", "getSeconds", "getMilliseconds", "getFullYear", "getMonth", "getDayOfYear", "getDayOfMonth", "getDayOfWeek", "getDate",
        "contains", "endsWith", "startsWith", "size",
        "all", "exists", "exists_one", "filter", "map",
        // Supplied (or replaced) here.
        "has", "matches", "find", "findAll",
    };

    /// <summary>Registers the functions on <paramref name="environment"/>; registered functions take precedence over Cel's own.</summary>
    public static void Register(CelEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment.RegisterFunction("has", [typeof(object)], args => IsPresent(args[0]));
        environment.RegisterFunction("matches", [typeof(string), typeof(string)], args => Re2Regex.Get(Text(args[1])).IsMatch(Text(args[0])));
        // library/regex.go: find returns the first match or "" when there is none; findAll every match, or at most n (n < 0: all).
        environment.RegisterFunction("find", [typeof(string), typeof(string)], args =>
        {
            var match = Re2Regex.Get(Text(args[1])).Match(Text(args[0]));
            return match.Success ? match.Value : string.Empty;
        });
        environment.RegisterFunction("findAll", [typeof(string), typeof(string)], args => FindAll(Text(args[0]), Text(args[1]), -1));
        environment.RegisterFunction("findAll", [typeof(string), typeof(string), typeof(long)], args => FindAll(Text(args[0]), Text(args[1]), Convert.ToInt64(args[2], System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Function and macro names <paramref name="rule"/> calls that <see cref="Supported"/> lacks, and optional-field syntax (<c>.?</c>, <c>[?</c>).</summary>
    public static IReadOnlyList<string> UnsupportedCalls(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var code = CelText.StripStrings(rule);
        var missing = Call().Matches(code).Select(m => m.Groups["name"].Value).Where(n => !Supported.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
        if (code.Contains(".?", StringComparison.Ordinal) || code.Contains("[?", StringComparison.Ordinal))
        {
            missing.Add("optional field selection (.? / [?])");
        }

        return missing;
    }

    private static bool IsPresent(object? value) => value is not null && value.GetType().Name != "CelNoSuchField";

    private static string Text(object? value) => value as string ?? throw new ArgumentException($"expected a string, got {value?.GetType().Name ?? "null"}");

    private static List<object?> FindAll(string text, string pattern, long limit)
    {
        var matches = Re2Regex.Get(pattern).Matches(text).Select(m => (object?)m.Value);
        return limit < 0 ? [.. matches] : [.. matches.Take((int)Math.Min(limit, int.MaxValue))];
    }

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(")]
    private static partial Regex Call();
}
