using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Tests.Crd;
using AutoMode.Core.Tests.Validation;
using AutoMode.Testing.Cel;

namespace AutoMode.Core.Tests.Cel;

/// <summary>
/// The CRD's transition rules for the compute surface, evaluated: a live class cannot switch between static and
/// dynamic, nor between nodeRole and instanceProfile, nor change its instance profile; the messages name the way out.
/// </summary>
public sealed class ComputeSurfaceCelTests
{
    private static readonly Lazy<CrdCelValidator> Validator = new(() => CrdCelValidator.FromCrd(CrdSchemaTests.Crd, WorkloadClassApi.Version));

    private static JsonObject Web() => WorkloadClassCelTests.Object(Path.Combine(Samples.ValidDirectory, "web-on-demand.yaml"));

    private static JsonObject Fleet() => WorkloadClassCelTests.Object(Path.Combine(Samples.ValidDirectory, "game-server-static-fleet.yaml"));

    [Fact]
    public void StaticNodes_CanBeScaled()
    {
        var stored = Fleet();
        var scaled = (JsonObject)stored.DeepClone();
        scaled["spec"]!["staticNodes"] = 20;

        var result = Validator.Value.Validate(scaled, old: stored);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void StaticToDynamic_IsRefused_WithThePathToTake()
    {
        var stored = Fleet();
        var dynamic = (JsonObject)stored.DeepClone();
        dynamic["spec"]!.AsObject().Remove("staticNodes");

        Assert.True(Validator.Value.Validate(dynamic).IsValid, "the dynamic class itself is valid");
        var error = Assert.Single(Validator.Value.Validate(dynamic, old: stored).Errors);

        Assert.Equal("spec.staticNodes", error.Field);
        Assert.Contains("Create a second WorkloadClass with the other mode, move the workloads, then delete this one", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DynamicToStatic_IsRefused()
    {
        var stored = Web();
        var made = (JsonObject)stored.DeepClone();
        made["spec"]!["staticNodes"] = 3;
        made["spec"]!.AsObject().Remove("weight");
        made["spec"]!.AsObject().Remove("limits");
        made["spec"]!.AsObject().Remove("disruption");

        Assert.True(Validator.Value.Validate(made).IsValid, string.Join("\n", Validator.Value.Validate(made).Errors));
        Assert.Equal("spec.staticNodes", Assert.Single(Validator.Value.Validate(made, old: stored).Errors).Field);
    }

    [Fact]
    public void RoleToInstanceProfile_IsRefused()
    {
        var stored = Web();
        var edited = (JsonObject)stored.DeepClone();
        edited["spec"]!.AsObject().Remove("nodeRole");
        edited["spec"]!["instanceProfile"] = "eks-MyNodeInstanceProfile";

        Assert.True(Validator.Value.Validate(edited).IsValid);
        var error = Assert.Single(Validator.Value.Validate(edited, old: stored).Errors);

        Assert.Equal("spec.instanceProfile", error.Field);
        Assert.Contains("cannot switch between nodeRole and instanceProfile on a live class", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void InstanceProfileToRole_IsRefused()
    {
        var stored = Web();
        stored["spec"]!.AsObject().Remove("nodeRole");
        stored["spec"]!["instanceProfile"] = "eks-MyNodeInstanceProfile";
        var edited = Web();

        Assert.Equal("spec.instanceProfile", Assert.Single(Validator.Value.Validate(edited, old: stored).Errors).Field);
    }

    [Fact]
    public void InstanceProfile_CannotChange_ButMayStayTheSame()
    {
        var stored = Web();
        stored["spec"]!.AsObject().Remove("nodeRole");
        stored["spec"]!["instanceProfile"] = "eks-MyNodeInstanceProfile";
        var same = (JsonObject)stored.DeepClone();
        same["metadata"]!["labels"] = new JsonObject { ["team"] = "a" };
        var changed = (JsonObject)stored.DeepClone();
        changed["spec"]!["instanceProfile"] = "eks-OtherProfile";

        Assert.True(Validator.Value.Validate(same, old: stored).IsValid);
        var error = Assert.Single(Validator.Value.Validate(changed, old: stored).Errors);
        Assert.Equal("spec.instanceProfile", error.Field);
        Assert.Contains("instanceProfile cannot change on a live class", error.ToString(), StringComparison.Ordinal);
    }
}
