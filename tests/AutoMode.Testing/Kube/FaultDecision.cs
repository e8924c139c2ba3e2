namespace AutoMode.Testing.Kube;

internal readonly record struct FaultDecision(FaultKind Kind, TimeSpan Delay)
{
    public static FaultDecision None => new(FaultKind.None, TimeSpan.Zero);
}
