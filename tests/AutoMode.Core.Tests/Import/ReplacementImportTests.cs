using AutoMode.Core.Import;
using AutoMode.Core.Planning;
using AutoMode.Core.Scheduling;
using AutoMode.Core.Serialization;
using AutoMode.Core.Tests.Validation;
using static AutoMode.Core.Tests.Scheduling.ScheduleTestData;

namespace AutoMode.Core.Tests.Import;

/// <summary>
/// A pool the operator rendered for replacement windows imports as plain budgets (windows cannot be recovered from one
/// pinned UTC hold), and its rotation annotation, which a class without windows never renders, is reported lossy.
/// </summary>
public sealed class ReplacementImportTests
{
    [Fact]
    public void RotatedPool_ImportIsLossy_NamingTheTemplateAnnotation()
    {
        var gameServer = Samples.Load(Path.Combine(Samples.ValidDirectory, "game-server.yaml"));
        var desired = DesiredPlanner.Plan(gameServer, LongAgo, At("2026-06-08T02:30:00Z"), new ReplacementFacts(At("2026-06-01T02:00:00Z"), null)).Desired;

        var result = WorkloadClassImporter.Import(
        [
            new ImportInput("cluster", ManifestYaml.ToJsonNode(desired.NodeClass)),
            new ImportInput("cluster", ManifestYaml.ToJsonNode(desired.NodePool)),
        ]);

        Assert.True(result.IsLossy, string.Join("\n", result.Notes));
        Assert.Contains(result.Notes, n => n.Lossy && n.Path.StartsWith("spec.template.metadata.annotations", StringComparison.Ordinal));
        var imported = Assert.Single(result.Classes);
        Assert.Null(imported.Spec.Lifecycle?.Replacement);
        Assert.Contains(imported.Spec.Disruption!.Budgets!, b => b.Nodes == "0" && b.Schedule == "0 4 8 6 *" && b.Reasons!.SequenceEqual(["Drifted"]));
    }
}
