namespace AutoMode.Testing.Cel;

/// <summary>What evaluating a CRD's rules on one write found.</summary>
/// <param name="Errors">Failed rules: the API server refuses the write with 422 Invalid and these as causes.</param>
/// <param name="Warnings">Failed rules ratcheted on an unchanged value: the API server accepts the write and sends these as warnings.</param>
public sealed record CelValidationResult(IReadOnlyList<CelFieldError> Errors, IReadOnlyList<CelFieldError> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}
