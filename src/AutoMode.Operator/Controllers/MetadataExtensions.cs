using k8s;
using k8s.Models;

namespace AutoMode.Operator.Controllers;

internal static class MetadataExtensions
{
    /// <summary>A label value, or null.</summary>
    public static string? Label(this IKubernetesObject<V1ObjectMeta> obj, string key) =>
        obj.Metadata?.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>An annotation value, or null.</summary>
    public static string? Annotation(this IKubernetesObject<V1ObjectMeta> obj, string key) =>
        obj.Metadata?.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;
}
