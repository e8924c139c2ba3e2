namespace AutoMode.Testing.Crds;

/// <summary>
/// What a real API server answers to a create of the CRD: 400 BadRequest when the object does not decode strictly
/// (<see cref="DecodeErrors"/>), 422 Invalid with the field errors, or acceptance.
/// </summary>
public sealed record CrdCheckResult(string Name, IReadOnlyList<string> DecodeErrors, IReadOnlyList<CrdFieldError> Errors)
{
    public bool Accepted => DecodeErrors.Count == 0 && Errors.Count == 0;

    /// <summary>201 on acceptance, 400 for decoding errors, 422 for validation errors.</summary>
    public int StatusCode => DecodeErrors.Count > 0 ? 400 : Errors.Count > 0 ? 422 : 201;

    /// <summary>
    /// The Status message: for 422 the one apimachinery's errors.NewInvalid builds from field.ErrorList.ToAggregate()
    /// (duplicates dropped; one error bare, several in brackets joined by ", ").
    /// </summary>
    public string Message
    {
        get
        {
            if (DecodeErrors.Count > 0)
            {
                return "CustomResourceDefinition in version \"v1\" cannot be handled as a CustomResourceDefinition: strict decoding error: " + string.Join(", ", DecodeErrors);
            }

            if (Errors.Count == 0)
            {
                return "";
            }

            var distinct = Errors.Select(e => e.ToString()).Distinct(StringComparer.Ordinal).ToList();
            var aggregate = distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
            return $"CustomResourceDefinition.apiextensions.k8s.io {CrdFieldError.GoQuote(Name)} is invalid: {aggregate}";
        }
    }

    public override string ToString() => Accepted ? $"{Name}: accepted" : Message;
}
