namespace AutoMode.Testing.Kube;

/// <summary>
/// A seeded, per-request fault plan for <see cref="FakeApiServer"/>. Each request that matches <see cref="Verbs"/> and
/// <see cref="Resources"/> rolls the dice once per fault kind, in a fixed order, and takes the first hit; the same seed
/// and the same request order give the same faults. Faults are decided before a request touches the store, so a
/// faulted write never changes state. <see cref="SlowResponse"/> is the only fault that waits on real time.
/// </summary>
public sealed class FaultPlan(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    /// <summary>Switch the whole plan on or off at runtime.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Kubernetes verbs the plan applies to (get, list, watch, create, update, patch, delete); empty = all.</summary>
    public ISet<string> Verbs { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Resource plurals the plan applies to; empty = all. Discovery requests are never faulted.</summary>
    public ISet<string> Resources { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Probability of a 429 with <see cref="RetryAfterSeconds"/>.</summary>
    public double TooManyRequests { get; set; }

    /// <summary>Value of the <c>Retry-After</c> header sent with 429 (seconds).</summary>
    public int RetryAfterSeconds { get; set; }

    public double InternalServerError { get; set; }

    public double ServiceUnavailable { get; set; }

    /// <summary>Probability of a 409 Conflict on create, update, patch and delete.</summary>
    public double WriteConflict { get; set; }

    /// <summary>Probability of a connection abort without a response.</summary>
    public double ConnectionReset { get; set; }

    /// <summary>Probability that a watch starts with a 410 Expired ERROR event.</summary>
    public double WatchExpired { get; set; }

    /// <summary>Probability that a watch stream is closed after <see cref="DropWatchAfterEvents"/> events.</summary>
    public double WatchDropped { get; set; }

    /// <summary>Events sent before a dropped watch stream is closed.</summary>
    public int DropWatchAfterEvents { get; set; } = 1;

    /// <summary>Probability of a delay drawn uniformly between <see cref="SlowMin"/> and <see cref="SlowMax"/>.</summary>
    public double SlowResponse { get; set; }

    public TimeSpan SlowMin { get; set; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan SlowMax { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Decides the fault for one request; <see cref="FaultKind.None"/> when none applies.</summary>
    internal FaultDecision Decide(string verb, string? plural)
    {
        if (!Enabled || plural is null)
        {
            return FaultDecision.None;
        }

        if ((Verbs.Count > 0 && !Verbs.Contains(verb)) || (Resources.Count > 0 && !Resources.Contains(plural)))
        {
            return FaultDecision.None;
        }

        var isWrite = verb is "create" or "update" or "patch" or "delete";
        var isWatch = verb == "watch";
        lock (_gate)
        {
            if (Roll(ConnectionReset))
            {
                return new FaultDecision(FaultKind.ConnectionReset, TimeSpan.Zero);
            }

            if (Roll(TooManyRequests))
            {
                return new FaultDecision(FaultKind.TooManyRequests, TimeSpan.Zero);
            }

            if (Roll(InternalServerError))
            {
                return new FaultDecision(FaultKind.InternalServerError, TimeSpan.Zero);
            }

            if (Roll(ServiceUnavailable))
            {
                return new FaultDecision(FaultKind.ServiceUnavailable, TimeSpan.Zero);
            }

            if (isWrite && Roll(WriteConflict))
            {
                return new FaultDecision(FaultKind.WriteConflict, TimeSpan.Zero);
            }

            if (isWatch && Roll(WatchExpired))
            {
                return new FaultDecision(FaultKind.WatchExpired, TimeSpan.Zero);
            }

            if (isWatch && Roll(WatchDropped))
            {
                return new FaultDecision(FaultKind.WatchDropped, TimeSpan.Zero);
            }

            if (Roll(SlowResponse))
            {
                var span = SlowMax - SlowMin;
                var delay = SlowMin + TimeSpan.FromTicks((long)(span.Ticks * _random.NextDouble()));
                return new FaultDecision(FaultKind.SlowResponse, delay);
            }
        }

        return FaultDecision.None;
    }

    private bool Roll(double probability) => probability > 0 && _random.NextDouble() < probability;
}
