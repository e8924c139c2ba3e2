using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>
/// A cluster-scoped class of nodes on EKS Auto Mode. The operator turns it into one NodeClass
/// (eks.amazonaws.com/v1) and one NodePool (karpenter.sh/v1), both named after the class.
/// The CRD in crds/workloadclasses.automode.io.yaml is the source of truth; a test keeps this type in step.
/// </summary>
[KubernetesEntity(Group = WorkloadClassApi.Group, ApiVersion = WorkloadClassApi.Version, Kind = WorkloadClassApi.Kind, PluralName = WorkloadClassApi.Plural)]
public sealed class V1Alpha1WorkloadClass : IKubernetesObject<V1ObjectMeta>, ISpec<V1Alpha1WorkloadClassSpec>, IStatus<V1Alpha1WorkloadClassStatus?>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = WorkloadClassApi.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = WorkloadClassApi.Kind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public V1Alpha1WorkloadClassSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public V1Alpha1WorkloadClassStatus? Status { get; set; }
}
