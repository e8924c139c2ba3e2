namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>Upper bounds for waits on I/O or worker threads; tests finish as soon as the awaited signal arrives.</summary>
internal static class TestTimeouts
{
    public static TimeSpan Default { get; } = TimeSpan.FromSeconds(10);

    public static async Task<T> WithTimeout<T>(this Task<T> task, TimeSpan? timeout = null) =>
        await task.WaitAsync(timeout ?? Default);

    public static async Task WithTimeout(this Task task, TimeSpan? timeout = null) =>
        await task.WaitAsync(timeout ?? Default);
}
