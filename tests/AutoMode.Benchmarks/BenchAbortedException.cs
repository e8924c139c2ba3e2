namespace AutoMode.Benchmarks;

/// <summary>The bench cannot run against this server (missing CRDs, no answer); Program prints the message and exits 3.</summary>
internal sealed class BenchAbortedException : Exception
{
    public BenchAbortedException()
    {
    }

    public BenchAbortedException(string message)
        : base(message)
    {
    }

    public BenchAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
