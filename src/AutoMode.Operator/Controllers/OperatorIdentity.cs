namespace AutoMode.Operator.Controllers;

/// <summary>Where this replica runs (downward API), for leader identity and drain self-protection.</summary>
internal sealed record OperatorIdentity(string PodName, string? Namespace, string? NodeName)
{
    /// <summary>
    /// Whether another replica could take over if this one's node were drained. Not observed yet, so the drain
    /// assumes not and never drains the operator's own node (the conservative choice).
    /// </summary>
#pragma warning disable CA1822 // an instance member: observing the Deployment's ready replicas is the next step
    public bool HasOtherReadyReplicas => false;
#pragma warning restore CA1822
}
