using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Planning;

/// <summary>
/// The two annotations by which a user asks a WorkloadClass to take over (adopt) an existing NodeClass/NodePool of
/// its name, and confirms the spec changes that adoption would make. Annotations rather than spec fields: adoption is
/// a one-time act on the cluster, not part of what the class means, and `render` must print the same either way.
/// </summary>
public static class AdoptionAnnotations
{
    /// <summary><c>"true"</c> asks the class to adopt an unowned NodeClass/NodePool of its name; any other value does not.</summary>
    public const string Adopt = "automode.io/adopt";

    /// <summary>The digest shown by the <c>Adopted</c> condition: applies exactly the differences that digest names.</summary>
    public const string Confirm = "automode.io/adopt-confirm";

    public static bool Requested(V1Alpha1WorkloadClass workloadClass) =>
        workloadClass?.Metadata?.Annotations?.TryGetValue(Adopt, out var value) == true && value == "true";

    public static string? Confirmation(V1Alpha1WorkloadClass workloadClass) =>
        workloadClass?.Metadata?.Annotations?.TryGetValue(Confirm, out var value) == true ? value?.Trim() : null;
}
