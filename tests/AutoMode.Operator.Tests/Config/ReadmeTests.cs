using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoMode.Core.Scheduling;
using AutoMode.Core.Serialization;
using AutoMode.Core.Status;

namespace AutoMode.Operator.Tests.Config;

/// <summary>The README's reference and troubleshooting tables stay in step with the CRD and the reason constants.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepoPaths.Get("README.md"));

    [Fact]
    public void ReferenceTable_ListsExactlyTheCrdSpecFields()
    {
        var crd = YamlJsonReader.ParseAll(File.ReadAllText(RepoPaths.Get("crds", "workloadclasses.automode.io.yaml"))).OfType<JsonObject>().Single();
        var spec = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!;
        var fromCrd = new SortedSet<string>(StringComparer.Ordinal);
        Walk(spec, "spec", fromCrd);

        var section = Readme[Readme.IndexOf("## WorkloadClass reference", StringComparison.Ordinal)..Readme.IndexOf("## Run it", StringComparison.Ordinal)];
        var fromReadme = new SortedSet<string>(ReferenceRow().Matches(section).Select(m => m.Groups["path"].Value), StringComparer.Ordinal);

        Assert.Equal(fromCrd, fromReadme);
    }

    [Fact]
    public void Troubleshooting_ExplainsEveryConditionReason()
    {
        var section = Readme[Readme.IndexOf("## Troubleshooting", StringComparison.Ordinal)..];
        var reasons = new[] { typeof(ConditionReasons), typeof(OffHoursReasons), typeof(AutoMode.Operator.Controllers.Gates.TagPolicyReasons) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Except(["Valid", "NoConflict", "NotBlocked", "Drained", "Draining", "TagPolicyNotRequired"])
            .Distinct();

        Assert.All(reasons, reason => Assert.Contains($"`{reason}`", section, StringComparison.Ordinal));
    }

    private static void Walk(JsonNode schema, string path, ISet<string> paths)
    {
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            var child = $"{path}.{name}";
            paths.Add(child);
            if (property!["properties"] is not null)
            {
                Walk(property, child, paths);
            }

            if (property["items"]?["properties"] is not null)
            {
                Walk(property["items"]!, child + "[]", paths);
            }
        }
    }

    [GeneratedRegex(@"^\| `(?<path>spec\.[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ReferenceRow();
}
