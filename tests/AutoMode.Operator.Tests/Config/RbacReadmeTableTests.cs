using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoMode.Core.Serialization;

namespace AutoMode.Operator.Tests.Config;

/// <summary>
/// Issue 17 point 7: the README's RBAC table (resource, verbs and where each is granted) is exactly what config/rbac
/// grants: a ClusterRole bound by a ClusterRoleBinding grants in the whole cluster, a Role (or a RoleBinding) only in
/// its namespace. Hardening/RbacRulesTests checks the same rules against the requests the code makes.
/// </summary>
public sealed partial class RbacReadmeTableTests
{
    [Fact]
    public void ReadmeTable_IsExactlyTheGrantedRules_WithTheirScope()
    {
        var readme = File.ReadAllText(RepoPaths.Get("README.md"));
        var section = readme[readme.IndexOf("**Kubernetes RBAC**", StringComparison.Ordinal)..readme.IndexOf("**What it can and cannot touch.**", StringComparison.Ordinal)];
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match row in Row().Matches(section))
        {
            var group = row.Groups["group"].Value.Trim().Trim('`') is "core" ? "" : row.Groups["group"].Value.Trim().Trim('`');
            var scope = row.Groups["scope"].Value.Trim() is var s && s.StartsWith("cluster", StringComparison.Ordinal)
                ? "cluster"
                : NamespaceScope().Match(s) is { Success: true } ns ? "namespace " + ns.Groups["ns"].Value : "unreadable: " + s;
            foreach (var verb in row.Groups["verbs"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                documented.Add(Key(group, row.Groups["resource"].Value, verb, scope));
            }
        }

        Assert.NotEmpty(documented);
        Assert.Equal(Granted(), documented);
    }

    /// <summary>(group, resource, verb, scope) for every rule a binding in config/rbac gives the operator's ServiceAccount.</summary>
    private static SortedSet<string> Granted()
    {
        var documents = Directory.GetFiles(RepoPaths.Get("config", "rbac"), "*.yaml")
            .SelectMany(f => YamlJsonReader.ParseAll(File.ReadAllText(f)).OfType<JsonObject>())
            .ToList();
        var granted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var binding in documents.Where(d => (string?)d["kind"] is "ClusterRoleBinding" or "RoleBinding"))
        {
            Assert.Contains(binding["subjects"]!.AsArray(), s =>
                (string?)s!["kind"] == "ServiceAccount" && (string?)s["name"] == "automode-operator" && (string?)s["namespace"] == "automode-system");
            var roleRef = binding["roleRef"]!;
            var role = documents.Single(d => (string?)d["kind"] == (string?)roleRef["kind"] && (string?)d["metadata"]!["name"] == (string?)roleRef["name"]);
            var scope = (string?)binding["kind"] == "ClusterRoleBinding" ? "cluster" : "namespace " + (string?)binding["metadata"]!["namespace"];
            foreach (var rule in role["rules"]!.AsArray())
            {
                foreach (var key in
                         from g in rule!["apiGroups"]!.AsArray()
                         from r in rule["resources"]!.AsArray()
                         from v in rule["verbs"]!.AsArray()
                         select Key((string?)g ?? "", (string?)r ?? "", (string?)v ?? "", scope))
                {
                    granted.Add(key);
                }
            }
        }

        // A role no binding grants would be dead configuration (or a binding forgotten).
        Assert.All(documents.Where(d => (string?)d["kind"] is "ClusterRole" or "Role"), role =>
            Assert.Contains(documents, b => (string?)b["roleRef"]?["name"] == (string?)role["metadata"]!["name"]));
        return granted;
    }

    private static string Key(string group, string resource, string verb, string scope) =>
        $"{(group.Length == 0 ? "core" : group)} {resource} {verb} @ {scope}";

    // | `automode.io` | `workloadclasses` | get, list, watch | cluster | why |
    [GeneratedRegex(@"^\| (?<group>`[^`]+`|core) \| `(?<resource>[^`]+)`[^|]* \| (?<verbs>[a-z, ]+) \| (?<scope>[^|]+) \| [^|]+ \|$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"^namespace `(?<ns>[^`]+)`")]
    private static partial Regex NamespaceScope();
}
