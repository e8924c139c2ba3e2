namespace AutoMode.Operator.Tests.Resilience;

/// <summary>One request an operator instance sent (<paramref name="Status"/> 0 when no response came back); <paramref name="AfterStop"/> when the instance had been stopped.</summary>
internal sealed record TappedRequest(long Sequence, string Instance, string Method, string Path, bool AfterStop, int Status)
{
    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";
}
