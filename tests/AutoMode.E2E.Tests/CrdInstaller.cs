using System.Net;
using System.Text.Json.Nodes;
using AutoMode.Core.Serialization;
using AutoMode.Core.ThirdParty;
using AutoMode.Operator.Controllers;
using AutoMode.Testing.Schemas;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AutoMode.E2E.Tests;

/// <summary>
/// Installs the CRDs the operator needs with the KubernetesClient and waits until each is Established. Our own CRD
/// (crds/) is created or replaced, since the build under test defines it. The NodePool, NodeClaim and NodeClass CRDs
/// are only created when missing: a cluster that already serves them (EKS Auto Mode manages its own) keeps them
/// untouched. Only CRDs created here are removed again.
/// </summary>
internal sealed class CrdInstaller(IKubernetes client, ClusterObjects objects)
{
    public const string NodeClassCrd = "nodeclasses.eks.amazonaws.com";
    public const string NodePoolCrd = "nodepools.karpenter.sh";
    public const string NodeClaimCrd = "nodeclaims.karpenter.sh";

    private static readonly ResourceDescriptor Crds = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition");
    private static readonly string[] ThirdParty = [NodePoolCrd, NodeClaimCrd, NodeClassCrd];

    private readonly List<string> _created = [];

    /// <summary>CRDs that did not exist before and were created by this run.</summary>
    public IReadOnlyList<string> Created => _created;

    public async Task InstallAsync(CrdSource source, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ours = Load(File.ReadAllText(RepositoryPaths.Combine("crds", "workloadclasses.automode.io.yaml")), "crds/workloadclasses.automode.io.yaml").Single();
        await CreateOrReplaceAsync(ours, cancellationToken);
        foreach (var crd in LoadThirdParty(source))
        {
            await CreateIfMissingAsync(crd, cancellationToken);
        }

        foreach (var name in ThirdParty.Prepend(ours.Metadata.Name))
        {
            await objects.WaitForAsync(Crds, name, IsEstablished, "condition Established=True", timeout, cancellationToken);
        }
    }

    /// <summary>With E2E_SKIP_CRD_INSTALL=1: nothing is installed, but every kind the operator uses must be served.</summary>
    public async Task VerifyServedAsync(CancellationToken cancellationToken)
    {
        foreach (var kind in new[] { Kinds.WorkloadClass, Kinds.NodeClass, Kinds.NodePool, Kinds.NodeClaim })
        {
            try
            {
                await objects.ListAsync(kind, labelSelector: "e2e-run=preflight", cancellationToken);
            }
            catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException(
                    $"{kind.Plural}.{kind.Group}/{kind.Version} is not served by the cluster: install its CRD, or unset {E2eEnvironment.SkipCrdInstallVariable} so the test installs it.", error);
            }
        }
    }

    public async Task RemoveCreatedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        foreach (var name in Enumerable.Reverse(_created))
        {
            await DeleteAsync(name, cancellationToken);
            await objects.WaitForAsync(Crds, name, o => o is null, "deleted", timeout, cancellationToken);
        }

        _created.Clear();
    }

    /// <summary>
    /// The NodePool, NodeClaim and NodeClass CRDs from <paramref name="source"/>. From ../shared/crds/upstream: Karpenter
    /// core's NodePool/NodeClaim CRDs (not the aws-provider flavour) and a synthesised NodeClass CRD, because that folder
    /// has Auto Mode's NodeClass only as a JSON schema (no CRD YAML of the current NodeClass is public).
    /// </summary>
    public static IReadOnlyList<V1CustomResourceDefinition> LoadThirdParty(CrdSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var files = Directory.EnumerateFiles(source.Directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Where(f => !source.IsSharedUpstream || Path.GetFileName(f).StartsWith("karpenter.sh_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var found = new Dictionary<string, (V1CustomResourceDefinition Crd, string File)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var crd in Load(File.ReadAllText(file), file).Where(c => ThirdParty.Contains(c.Metadata.Name)))
            {
                if (found.TryGetValue(crd.Metadata.Name, out var earlier))
                {
                    throw new InvalidOperationException($"{crd.Metadata.Name} is defined twice, in {earlier.File} and {file}: keep one in {source.Directory}.");
                }

                found[crd.Metadata.Name] = (crd, file);
            }
        }

        if (source.IsSharedUpstream && !found.ContainsKey(NodeClassCrd))
        {
            found[NodeClassCrd] = (SynthesisedNodeClass(), "(synthesised)");
        }

        var missing = ThirdParty.Where(n => !found.ContainsKey(n)).ToList();
        return missing.Count == 0
            ? [.. ThirdParty.Select(n => found[n].Crd)]
            : throw new InvalidOperationException($"{source.Directory} has no CRD for {string.Join(", ", missing)} (set {E2eEnvironment.CrdsDirVariable} to a directory holding all three as YAML).");
    }

    /// <summary>
    /// A stand-in NodeClass CRD: right group, version, kind and scope, a /status subresource, and a schema that keeps
    /// every field, so the operator's NodeClass round-trips. It does not validate like Auto Mode's real CRD.
    /// </summary>
    public static V1CustomResourceDefinition SynthesisedNodeClass() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = NodeClassCrd },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = "eks.amazonaws.com",
            Scope = "Cluster",
            Names = new V1CustomResourceDefinitionNames { Kind = "NodeClass", ListKind = "NodeClassList", Plural = "nodeclasses", Singular = "nodeclass" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true },
                    },
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                },
            ],
        },
    };

    private static List<V1CustomResourceDefinition> Load(string yaml, string file) =>
        [.. YamlJsonReader.ParseAll(yaml)
            .OfType<JsonObject>()
            .Where(d => (string?)d["kind"] == "CustomResourceDefinition")
            .Select(d => KubernetesJson.Deserialize<V1CustomResourceDefinition>(d.ToJsonString())
                         ?? throw new InvalidDataException($"{file}: a CustomResourceDefinition document could not be read"))];

    private static bool IsEstablished(JsonObject? crd) =>
        crd?["status"]?["conditions"] is JsonArray conditions &&
        conditions.Any(c => (string?)c?["type"] == "Established" && (string?)c?["status"] == "True");

    private async Task CreateOrReplaceAsync(V1CustomResourceDefinition crd, CancellationToken cancellationToken)
    {
        var existing = await ReadAsync(crd.Metadata.Name, cancellationToken);
        if (existing is null)
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
            _created.Add(crd.Metadata.Name);
            return;
        }

        crd.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
        await client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(crd, crd.Metadata.Name, cancellationToken: cancellationToken);
    }

    private async Task CreateIfMissingAsync(V1CustomResourceDefinition crd, CancellationToken cancellationToken)
    {
        if (await ReadAsync(crd.Metadata.Name, cancellationToken) is null)
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
            _created.Add(crd.Metadata.Name);
        }
    }

    private async Task<V1CustomResourceDefinition?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: nothing left to clean up.
        }
    }
}
