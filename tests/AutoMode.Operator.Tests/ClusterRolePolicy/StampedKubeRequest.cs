namespace AutoMode.Operator.Tests.ClusterRolePolicy;

/// <summary>A request the operator's Kubernetes client sent, numbered by <see cref="CrossFakeOrder"/>.</summary>
internal sealed record StampedKubeRequest(long Sequence, string Method, string Path)
{
    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    /// <summary>A write of the named object of the plural (not a /status write).</summary>
    public bool IsWriteOf(string plural, string name) => IsWrite && Path.EndsWith($"/{plural}/{name}", StringComparison.Ordinal);
}
