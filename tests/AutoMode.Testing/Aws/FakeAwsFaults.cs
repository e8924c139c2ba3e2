namespace AutoMode.Testing.Aws;

/// <summary>
/// Fault plan of the fake AWS endpoint: scripted per-operation faults (N times, or until cleared) and a seeded random
/// plan of throttling / 5xx. Operation <c>"*"</c> matches every operation. Scripted faults win over the random plan.
/// </summary>
public sealed class FakeAwsFaults
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<FakeAwsFault>> counted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeAwsFault> sticky = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<FakeAwsFault>> afterApply = new(StringComparer.Ordinal);
    private Random? random;
    private double throttlingProbability;
    private double serverErrorProbability;
    private HashSet<string>? randomOperations;

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operation"/> fail with <paramref name="fault"/>.</summary>
    public void FailNext(string operation, FakeAwsFault fault, int times = 1)
    {
        lock (gate)
        {
            if (!counted.TryGetValue(operation, out var queue))
            {
                counted[operation] = queue = new Queue<FakeAwsFault>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(fault);
            }
        }
    }

    /// <summary>
    /// The next successful call of <paramref name="operation"/> changes state and THEN answers with
    /// <paramref name="fault"/> (a lost response): the client cannot know the change happened.
    /// </summary>
    public void FailNextAfterApply(string operation, FakeAwsFault fault)
    {
        lock (gate)
        {
            if (!afterApply.TryGetValue(operation, out var queue))
            {
                afterApply[operation] = queue = new Queue<FakeAwsFault>();
            }

            queue.Enqueue(fault);
        }
    }

    /// <summary>Every call of <paramref name="operation"/> fails with <paramref name="fault"/> until <see cref="Clear"/>.</summary>
    public void FailUntilCleared(string operation, FakeAwsFault fault)
    {
        lock (gate)
        {
            sticky[operation] = fault;
        }
    }

    public void Clear(string operation)
    {
        lock (gate)
        {
            sticky.Remove(operation);
            counted.Remove(operation);
            afterApply.Remove(operation);
        }
    }

    /// <summary>Each call (of <paramref name="operations"/>, or all) throttles / fails with 500 or 503 with these probabilities.</summary>
    public void UseRandomPlan(int seed, double throttlingProbability, double serverErrorProbability, IEnumerable<string>? operations = null)
    {
        lock (gate)
        {
            random = new Random(seed);
            this.throttlingProbability = throttlingProbability;
            this.serverErrorProbability = serverErrorProbability;
            randomOperations = operations is null ? null : new HashSet<string>(operations, StringComparer.Ordinal);
        }
    }

    internal FakeAwsFault? NextAfterApply(string operation)
    {
        lock (gate)
        {
            return afterApply.TryGetValue(operation, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
        }
    }

    /// <summary>Draws the fault (if any) for one request of <paramref name="operation"/>; the server calls it once per request.</summary>
    public FakeAwsFault? Next(string operation)
    {
        lock (gate)
        {
            foreach (var key in new[] { operation, "*" })
            {
                if (sticky.TryGetValue(key, out var fault))
                {
                    return fault;
                }

                if (counted.TryGetValue(key, out var queue) && queue.Count > 0)
                {
                    return queue.Dequeue();
                }
            }

            if (random is null || (randomOperations is not null && !randomOperations.Contains(operation)))
            {
                return null;
            }

            var roll = random.NextDouble();
            if (roll < throttlingProbability)
            {
                return FakeAwsFault.Throttling;
            }

            if (roll < throttlingProbability + serverErrorProbability)
            {
                return random.Next(2) == 0 ? FakeAwsFault.InternalError : FakeAwsFault.ServiceUnavailable;
            }

            return null;
        }
    }
}
