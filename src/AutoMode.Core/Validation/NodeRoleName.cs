using System.Text.RegularExpressions;

namespace AutoMode.Core.Validation;

/// <summary>
/// The NodeClass <c>spec.role</c> takes an IAM role NAME (at most 64 characters). Users often paste the role ARN
/// <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role/[path/]name</c>; it is reduced to the part after the last '/'.
/// </summary>
public static partial class NodeRoleName
{
    /// <summary>IAM's role-name limit.</summary>
    public const int MaxLength = 64;

    /// <summary>The longest nodeRole accepted before reduction (IAM's ARN limit).</summary>
    public const int MaxInputLength = 2048;

    /// <summary>The role name: <paramref name="roleOrArn"/> itself, or for an ARN the text after its last '/'.</summary>
    public static string Reduce(string roleOrArn)
    {
        ArgumentNullException.ThrowIfNull(roleOrArn);
        return IsArn(roleOrArn) ? roleOrArn[(roleOrArn.LastIndexOf('/') + 1)..] : roleOrArn;
    }

    /// <summary>True when <paramref name="roleOrArn"/> is a valid role name, or a role ARN whose name is valid.</summary>
    public static bool IsValid(string? roleOrArn) => Problems(roleOrArn).Count == 0;

    /// <summary>What is wrong with <paramref name="roleOrArn"/>, one message per CRD rule it breaks; empty when valid.</summary>
    public static IReadOnlyList<string> Problems(string? roleOrArn)
    {
        if (string.IsNullOrEmpty(roleOrArn))
        {
            return ["nodeRole is required; give the IAM role name (or ARN) the nodes use"];
        }

        if (roleOrArn.Length > MaxInputLength)
        {
            return [$"nodeRole is {roleOrArn.Length} characters; an IAM role ARN is at most {MaxInputLength}, and the role name at most {MaxLength}"];
        }

        var problems = new List<string>();
        var arn = IsArn(roleOrArn);
        if (arn && !ArnPrefix().IsMatch(roleOrArn))
        {
            problems.Add("a role ARN must look like arn:<partition>:iam::<account>:role/[path/]name; fix the ARN or give the role name");
        }

        var name = Reduce(roleOrArn);
        var nameLength = arn ? (roleOrArn.Contains('/', StringComparison.Ordinal) ? name.EnumerateRunes().Count() : 0) : roleOrArn.EnumerateRunes().Count();
        if (nameLength is 0 or > MaxLength)
        {
            problems.Add($"the IAM role name {Quote(name)} is {nameLength} characters after reducing the ARN to the part after the last '/'; it must be 1-{MaxLength}: use a shorter role name");
        }

        if (!(arn ? ArnNameChars().IsMatch(roleOrArn) : NameChars().IsMatch(roleOrArn)))
        {
            problems.Add($"the IAM role name {Quote(name)} may only contain letters, digits and _+=,.@-; fix the role name");
        }

        return problems;
    }

    private static bool IsArn(string value) => value.StartsWith("arn:", StringComparison.Ordinal);

    private static string Quote(string value) => "\"" + (value.Length > 80 ? value[..77] + "..." : value) + "\"";

    [GeneratedRegex("^arn:[a-z0-9-]+:iam::[0-9]{12}:role/")]
    private static partial Regex ArnPrefix();

    [GeneratedRegex("/[A-Za-z0-9_+=,.@-]+\\z")]
    private static partial Regex ArnNameChars();

    [GeneratedRegex("^[A-Za-z0-9_+=,.@-]+\\z")]
    private static partial Regex NameChars();
}
