namespace AutoMode.Testing.Cel;

/// <summary>Cel 0.3.3 could not run a rule for a reason of its own (an unbound function), not one the API server would report.</summary>
public sealed class CelNotEvaluableException : Exception
{
    public CelNotEvaluableException()
    {
    }

    public CelNotEvaluableException(string message)
        : base(message)
    {
    }

    public CelNotEvaluableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
