using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.Import;
using AutoMode.Core.Serialization;
using AutoMode.Core.Tests.Validation;
using AutoMode.Core.Validation;
using AutoMode.Testing.Builders;

namespace AutoMode.Core.Tests.Import;

/// <summary>import(render(c)) renders exactly what c renders, byte for byte, with nothing reported lossy.</summary>
public sealed class RoundTripPropertyTests
{
    private const int GeneratedCount = 300;

    public static TheoryData<string> SampleNames() => Samples.ValidNames();

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Sample_ImportOfItsRender_RendersTheSame(string sampleName)
    {
        AssertRoundTrip(Samples.Load(Path.Combine(Samples.ValidDirectory, sampleName)));
    }

    [Fact]
    public void BuilderClasses_ImportOfTheirRender_RendersTheSame()
    {
        AssertRoundTrip(WorkloadClasses.Minimal());
        AssertRoundTrip(WorkloadClasses.Valid("valid"));
        AssertRoundTrip(WorkloadClasses.Minimal("with-uid", uid: "0b5d1f5e-1111-2222-3333-444455556666"));
    }

    [Fact]
    public void GeneratedClasses_ImportOfTheirRender_RendersTheSame()
    {
        for (var seed = 0; seed < GeneratedCount; seed++)
        {
            var workloadClass = GeneratedClasses.Create(seed);
            Assert.True(WorkloadClassValidator.Validate(workloadClass).Count == 0,
                $"seed {seed}: the generator made an invalid class: {string.Join("; ", WorkloadClassValidator.Validate(workloadClass))}");
            AssertRoundTrip(workloadClass);
        }
    }

    private static void AssertRoundTrip(V1Alpha1WorkloadClass workloadClass)
    {
        var name = workloadClass.Metadata.Name;
        var desired = DesiredStateRenderer.Render(workloadClass, RenderContext.Default);
        var result = WorkloadClassImporter.Import(
        [
            new ImportInput("rendered", ManifestYaml.ToJsonNode(desired.NodeClass)),
            new ImportInput("rendered", ManifestYaml.ToJsonNode(desired.NodePool)),
        ]);

        Assert.Empty(result.Errors);
        Assert.True(!result.IsLossy, $"{name}: {string.Join("\n", result.Notes)}");
        var imported = Assert.Single(result.Classes);
        imported.Metadata.Uid = workloadClass.Metadata.Uid;
        var again = DesiredStateRenderer.Render(imported, RenderContext.Default);
        Assert.Equal(Json(desired.NodeClass), Json(again.NodeClass));
        Assert.Equal(Json(desired.NodePool), Json(again.NodePool));
        Assert.Equal(desired.RequiresTagPolicy, again.RequiresTagPolicy);
    }

    private static string Json(object value) => ManifestYaml.ToJsonNode(value)!.ToJsonString();
}
