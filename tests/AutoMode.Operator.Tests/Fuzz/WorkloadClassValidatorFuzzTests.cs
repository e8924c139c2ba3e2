using System.Text.Json;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.Serialization;
using AutoMode.Core.Validation;
using k8s;

namespace AutoMode.Operator.Tests.Fuzz;

/// <summary>
/// The pure path the reconciler runs, over 20,000 mutated classes read both ways the product reads them: the CLI's
/// checked reader (type errors with paths) and KubernetesJson (what the informer decodes from the API server, where
/// CRD validation may be off). Validation never throws and names a field; what validates, renders.
/// </summary>
public sealed class WorkloadClassValidatorFuzzTests
{
    [Fact]
    public void MutatedClasses_BothReaders_ValidateWithFieldPathsAndValidOnesRender()
    {
        var generator = new AdversarialDocuments(seed: 7);
        int typeErrors = 0, undecodable = 0, invalid = 0, rendered = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var document = generator.Mutated("f" + i);
            var text = document.ToJsonString();

            var checkedRead = WorkloadClassDocuments.FromJsonNode(document, "fuzz");
            if (!checkedRead.IsWorkloadClass)
            {
                Assert.NotEmpty(checkedRead.Errors);
                Assert.All(checkedRead.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e)));
                typeErrors++;
            }

            V1Alpha1WorkloadClass? decoded;
            try
            {
                decoded = KubernetesJson.Deserialize<V1Alpha1WorkloadClass>(text);
            }
            catch (JsonException)
            {
                undecodable++;
                continue;
            }

            foreach (var workloadClass in new[] { decoded, checkedRead.WorkloadClass }.OfType<V1Alpha1WorkloadClass>())
            {
                var errors = WorkloadClassValidator.Validate(workloadClass);
                Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Path), $"document {i}: an error without a field: {e.Message}"));
                if (errors.Count > 0)
                {
                    invalid++;
                    continue;
                }

                foreach (var down in new[] { false, true })
                {
                    var desired = DesiredStateRenderer.Render(workloadClass, new RenderContext { HoldCapacityDown = down });
                    Assert.Equal(workloadClass.Metadata.Name, desired.NodePool.Metadata.Name);
                    Assert.Equal(workloadClass.Metadata.Name, desired.NodeClass.Metadata.Name);
                    _ = KubernetesJson.Serialize(desired.NodePool);
                }

                rendered++;
            }
        }

        Assert.True(typeErrors > 1_000 && undecodable > 1_000 && invalid > 1_000 && rendered > 100,
            $"a lopsided mix: {typeErrors} type errors, {undecodable} undecodable, {invalid} invalid, {rendered} rendered");
    }
}
