namespace AutoMode.Core.Scheduling;

/// <summary>
/// The off-hours saving as a metric: node-hours not run. An estimate: it assumes the pool would have kept the node
/// count it had when the window opened, and counts from when capacity went down.
/// </summary>
public static class NodeHoursAvoided
{
    /// <summary>
    /// <paramref name="nodesWhenWindowOpened"/> × hours from <paramref name="downSince"/> to <paramref name="until"/>
    /// (now, or the end of the window); 0 when the interval is empty or the count is not positive.
    /// </summary>
    public static double Estimate(int nodesWhenWindowOpened, DateTimeOffset downSince, DateTimeOffset until) =>
        nodesWhenWindowOpened <= 0 || until <= downSince ? 0 : nodesWhenWindowOpened * (until - downSince).TotalHours;
}
