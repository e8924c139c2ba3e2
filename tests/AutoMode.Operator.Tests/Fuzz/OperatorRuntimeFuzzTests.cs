using System.Text.Json;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Validation;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Builders;
using k8s;

namespace AutoMode.Operator.Tests.Fuzz;

/// <summary>
/// Adversarial WorkloadClasses stored in the fake API server as if CRD validation were off (issue: proof of
/// resilience, point 4): the operator reports each one it can read as Validated=False naming the field, skips the
/// ones it cannot decode, and the good classes around them become Ready, also after a restart relists them all.
/// </summary>
public sealed class OperatorRuntimeFuzzTests
{
    private const int BadClasses = 300;

    [Fact]
    public async Task AdversarialClassesAmongGoodOnes_NeverStallTheGoodOnes_AndEachReadableOneNamesItsField()
    {
        // No schemas: with one the server would prune and refuse these documents, which is what this test does without.
        await using var h = await OperatorHarness.StartAsync(withSchemas: false);
        // The documents break the CRD on purpose, so its CEL rules would refuse most: play a cluster whose CRD lacks them.
        h.Server.State.Cel.Remove(WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural);
        h.Apply(WorkloadClasses.Valid("keep-me"));
        await h.WaitForConditionAsync("keep-me", "Ready", "True");
        var generator = new AdversarialDocuments(seed: 99);
        var readable = new Dictionary<string, string>(StringComparer.Ordinal);
        var good = new List<string>();
        for (var i = 0; i < BadClasses; i++)
        {
            var name = $"bad-{i:000}";
            var document = Storable(generator.Mutated(name), name);
            h.Server.Put(document);
            if (Readable(document) is { } firstError)
            {
                readable[name] = firstError;
            }

            if (i % 15 == 0)
            {
                good.Add($"good-{i:000}");
                h.Apply(WorkloadClasses.Valid(good[^1]));
            }
        }

        foreach (var name in good)
        {
            await h.WaitForConditionAsync(name, "Ready", "True", TimeSpan.FromSeconds(60));
        }

        foreach (var (name, field) in readable)
        {
            await h.WaitForConditionAsync(name, "Validated", "False", TimeSpan.FromSeconds(60));
            Assert.Contains(field, OperatorHarness.Condition(h.Get(WorkloadClassApi.Plural, name), "Validated", "message"), StringComparison.Ordinal);
            Assert.Null(h.Get("nodepools", name));
        }

        // An edit nobody can decode (a string where a number belongs) keeps the last good objects: it is not a deletion.
        var broken = h.Get(WorkloadClassApi.Plural, "keep-me")!;
        broken["spec"]!["weight"] = "heavy";
        h.Server.Put(broken);

        // A fresh process lists every class at once, undecodable ones included: its caches must still sync.
        await h.StopOperatorAsync();
        await h.StartOperatorAsync();
        h.Apply(WorkloadClasses.Valid("good-after-restart"));
        await h.WaitForConditionAsync("good-after-restart", "Ready", "True", TimeSpan.FromSeconds(60));
        Assert.NotNull(h.Get("nodepools", "keep-me"));
        Assert.NotNull(h.Get("nodeclasses", "keep-me"));

        Assert.True(readable.Count is > 30 and < BadClasses - 30, $"{readable.Count} of {BadClasses} readable: a lopsided mix");
        Assert.Empty(h.Server.ServerErrors);
    }

    /// <summary>What the API server insists on whatever the CRD says: apiVersion, kind and a valid metadata.name.</summary>
    private static JsonObject Storable(JsonObject document, string name)
    {
        document["apiVersion"] = WorkloadClassApi.ApiVersion;
        document["kind"] = WorkloadClassApi.Kind;
        if (document["metadata"] is not JsonObject metadata)
        {
            document["metadata"] = metadata = new JsonObject();
        }

        metadata["name"] = name;
        document.Remove("status");
        if (document["spec"] is JsonObject spec)
        {
            // Tags would wait on the IAM policy, which this test does not run.
            spec.Remove("tags");
        }

        return document;
    }

    /// <summary>The first validation error's field when the informer can decode the class and it is invalid; null otherwise.</summary>
    private static string? Readable(JsonObject document)
    {
        try
        {
            var decoded = KubernetesJson.Deserialize<V1Alpha1WorkloadClass>(document.ToJsonString());
            var errors = WorkloadClassValidator.Validate(decoded);
            return errors.Count > 0 ? errors[0].Path : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
