namespace AutoMode.Kubernetes.Informers;

public sealed record InformerOptions
{
    /// <summary>Server-side label selector (e.g. <c>app.kubernetes.io/managed-by=automode-operator</c>); null for all objects.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Re-deliver every cached object this often, from memory. Zero or negative disables resync.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Server-side watch timeout; each watch asks for this plus up to the same again at random, as client-go does.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>List page size (continue tokens fetch the rest).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>First reconnect delay after a watch ends or fails; doubles per consecutive failure.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fraction of the step added at random so replicas do not reconnect in lock-step.</summary>
    public double JitterFraction { get; init; } = 0.5;
}
