using AutoMode.Core.Api.V1Alpha1;
using k8s.Models;

namespace AutoMode.Operator.Controllers;

/// <summary>
/// The object an event about a WorkloadClass is recorded on. Every controller that reports to a class (its own,
/// the IAM policy, the access entries, the off-hours drain) uses this one, so none needs another controller's folder.
/// </summary>
internal static class ClassReference
{
    public static V1ObjectReference Of(V1Alpha1WorkloadClass workloadClass) => new()
    {
        ApiVersion = WorkloadClassApi.ApiVersion,
        Kind = WorkloadClassApi.Kind,
        Name = workloadClass.Metadata.Name,
        Uid = workloadClass.Metadata.Uid,
    };
}
