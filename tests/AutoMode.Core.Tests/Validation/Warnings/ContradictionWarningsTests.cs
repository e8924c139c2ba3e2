using AutoMode.Core.Validation;
using AutoMode.Core.Validation.Warnings;

namespace AutoMode.Core.Tests.Validation.Warnings;

/// <summary>Classes that validate but can (partly) never take effect get warnings, never errors (issue 17, point 5).</summary>
public sealed class ContradictionWarningsTests
{
    public static TheoryData<string, string, string, string> Contradictions => new()
    {
        { "family also excluded", """{"spec": {"instances": {"families": ["m7g"], "excludeFamilies": ["m7g"]}}}""", "spec.instances.families", "\"m7g\" is also in excludeFamilies" },
        { "Graviton family, amd64 only", """{"spec": {"instances": {"families": ["m7g", "c7gn"], "architectures": ["amd64"]}}}""", "spec.instances.families", "\"c7gn\" is arm64 (Graviton) but architectures allows only amd64" },
        { "Intel family, arm64 only", """{"spec": {"instances": {"families": ["m7i"], "architectures": ["arm64"]}}}""", "spec.instances.families", "\"m7i\" is amd64 but architectures allows only arm64" },
        { "family outside the categories", """{"spec": {"instances": {"families": ["c7i"], "categories": ["m", "r"]}}}""", "spec.instances.families", "is of category \"c\"" },
        { "family below the generation range", """{"spec": {"instances": {"families": ["m5"], "generation": {"min": 6}}}}""", "spec.instances.families", "is generation 5, outside generation 6-..." },
        { "one of two families unusable", """{"spec": {"instances": {"families": ["m7i", "m7g"], "excludeFamilies": ["m7g"]}}}""", "spec.instances.families[1]", "\"m7g\" can never be used: it is also in excludeFamilies" },
        { "cpu limit zero", """{"spec": {"limits": {"cpu": "0"}}}""", "spec.limits[\"cpu\"]", "the NodePool can never launch a node" },
        { "memory limit zero with a unit", """{"spec": {"limits": {"memory": "0Gi"}}}""", "spec.limits[\"memory\"]", "the NodePool can never launch a node" },
        { "namespace on a cluster-scoped kind", """{"metadata": {"namespace": "team-a"}}""", "metadata.namespace", "\"team-a\" is ignored: WorkloadClass is cluster-scoped" },
        { "reservations selected, reserved not allowed", """{"spec": {"capacityReservations": [{"id": "cr-56fac701cc1951b03"}], "instances": {"capacityTypes": ["on-demand"]}}}""", "spec.instances.capacityTypes", "does not allow \"reserved\"" },
        { "reservations selected, capacity types left to the default", """{"spec": {"capacityReservations": [{"id": "cr-56fac701cc1951b03"}]}}""", "spec.instances.capacityTypes", "does not allow \"reserved\"" },
        { "node limit below staticNodes", """{"spec": {"staticNodes": 5, "limits": {"nodes": "3"}}}""", "spec.limits[\"nodes\"]", "the pool can never keep 5 nodes" },
        { "node limit equal to staticNodes", """{"spec": {"staticNodes": 5, "limits": {"nodes": "5"}}}""", "spec.limits[\"nodes\"]", "drift replacement cannot add a node" },
        { "instance profile without the eks prefix", """{"spec": {"nodeRole": null, "instanceProfile": "MyNodeProfile"}}""", "spec.instanceProfile", "does not start with \"eks\"" },
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public void Contradiction_OneWarningAtThePath_AndNoValidationError(string reason, string patch, string path, string says)
    {
        var workloadClass = Samples.FromJson(WorkloadClassValidatorTests.Patched(patch));

        var warning = Assert.Single(ContradictionWarnings.For(workloadClass));

        Assert.Empty(WorkloadClassValidator.Validate(workloadClass));
        Assert.True(warning.Path == path, $"{reason}: {warning}");
        Assert.True(warning.Message.Contains(says, StringComparison.Ordinal), $"{reason}: {warning}");
    }

    public static TheoryData<string, string> Consistent => new()
    {
        { "families that fit every other field", """{"spec": {"instances": {"families": ["m7g", "c7g"], "architectures": ["arm64"], "categories": ["m", "c"], "generation": {"min": 7}, "excludeFamilies": ["t4g"]}}}""" },
        { "x86 GPU family, amd64", """{"spec": {"instances": {"families": ["g6e", "p5"], "architectures": ["amd64"]}}}""" },
        { "first-generation Graviton", """{"spec": {"instances": {"families": ["a1"], "architectures": ["arm64"]}}}""" },
        { "non-zero limits", """{"spec": {"limits": {"cpu": "0.5", "memory": "10Gi"}}}""" },
        { "reservations with reserved allowed", """{"spec": {"capacityReservations": [{"id": "cr-56fac701cc1951b03"}], "instances": {"capacityTypes": ["reserved", "on-demand"]}}}""" },
        { "node limit above staticNodes", """{"spec": {"staticNodes": 5, "limits": {"nodes": "8"}}}""" },
        { "instance profile with the eks prefix", """{"spec": {"nodeRole": null, "instanceProfile": "eks-MyNodeProfile"}}""" },
    };

    [Theory]
    [MemberData(nameof(Consistent))]
    public void Consistent_NoWarning(string reason, string patch)
    {
        var warnings = ContradictionWarnings.For(Samples.FromJson(WorkloadClassValidatorTests.Patched(patch)));

        Assert.True(warnings.Count == 0, $"{reason}: {string.Join("; ", warnings)}");
    }

    [Fact]
    public void EverySample_NoWarning()
    {
        Assert.All(Samples.ValidFiles, file => Assert.Empty(ContradictionWarnings.For(Samples.Load(file))));
    }
}
