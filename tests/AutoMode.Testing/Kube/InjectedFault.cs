namespace AutoMode.Testing.Kube;

/// <summary>A fault the plan injected, as recorded by the fake API server.</summary>
/// <param name="RequestSequence">The <see cref="RecordedRequest.Sequence"/> of the request it hit.</param>
/// <param name="Kind">What was injected.</param>
/// <param name="Verb">Kubernetes verb of the request.</param>
/// <param name="Plural">Resource plural of the request.</param>
public sealed record InjectedFault(long RequestSequence, FaultKind Kind, string Verb, string? Plural);
