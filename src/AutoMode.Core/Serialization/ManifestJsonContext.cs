using System.Text.Json.Serialization;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Core.Serialization;

/// <summary>
/// Source-generated JSON metadata for every object the operator reads or writes (AutoMode.Core is AOT-compatible,
/// so no reflection-based serialization). Same wire shape as KubernetesJson: nulls omitted, names from
/// JsonPropertyName. Lenient on read (fields we do not model are ignored), because other controllers
/// own fields of the same objects; WorkloadClassDocuments adds strictness for user input.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(SortedStringMapConverter)])]
[JsonSerializable(typeof(V1Alpha1WorkloadClass))]
[JsonSerializable(typeof(V1Alpha1WorkloadClassList))]
[JsonSerializable(typeof(V1NodeClass))]
[JsonSerializable(typeof(V1NodeClassList))]
[JsonSerializable(typeof(V1NodePool))]
[JsonSerializable(typeof(V1NodePoolList))]
[JsonSerializable(typeof(V1NodeClaim))]
[JsonSerializable(typeof(V1NodeClaimList))]
public sealed partial class ManifestJsonContext : JsonSerializerContext;
