using System.Text.RegularExpressions;

namespace AutoMode.Testing.Schemas;

/// <summary>Builds field paths in the style the WorkloadClass validator uses: <c>spec.tags["a/b"]</c>, <c>spec.subnets[1].id</c>.</summary>
internal static partial class PathFormat
{
    public static string Property(string parent, string name)
    {
        if (!SimpleName().IsMatch(name))
        {
            return $"{parent}[\"{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";
        }

        return parent.Length == 0 ? name : parent + "." + name;
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SimpleName();
}
