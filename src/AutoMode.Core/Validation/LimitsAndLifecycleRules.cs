using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>spec.limits, spec.weight and spec.lifecycle: how big the pool may grow, its priority, how long nodes live.</summary>
internal static class LimitsAndLifecycleRules
{
    public static void Limits(ValidationRun run, IDictionary<string, string>? limits)
    {
        if (limits is null)
        {
            return;
        }

        if (limits.Count > 16)
        {
            run.Add("spec.limits", $"has {limits.Count} entries; at most 16 are allowed");
        }

        foreach (var (key, value) in Ordered(limits))
        {
            if (!KubeQuantity.IsValid(value))
            {
                run.Add(Key("spec.limits", key), $"{Q(value)} is not a non-negative Kubernetes quantity; write e.g. \"100\", \"500m\" or \"64Gi\"");
            }
        }
    }

    public static void Weight(ValidationRun run, int? weight)
    {
        if (weight is { } w && w is < 1 or > 100)
        {
            run.Add("spec.weight", $"{w} is outside 1-100; pick a weight from 1 (lowest) to 100 (highest)");
        }
    }

    public static void Lifecycle(ValidationRun run, LifecycleSpec? lifecycle)
    {
        if (lifecycle is null)
        {
            return;
        }

        var expireAfter = lifecycle.ExpireAfter ?? WorkloadClassValidator.DefaultExpireAfter;
        var grace = lifecycle.TerminationGracePeriod ?? WorkloadClassValidator.DefaultTerminationGracePeriod;
        var graceOk = KubeDuration.TryParse(grace, out var graceSpan);
        var maxLifetime = WorkloadClassValidator.MaxNodeLifetime;
        if (expireAfter == KubeDuration.Never)
        {
            run.Add("spec.lifecycle.expireAfter", "\"Never\" is not allowed on EKS Auto Mode; use a duration of at most 504h minus terminationGracePeriod");
        }
        else if (expireAfter.Length > 16 || !KubeDuration.TryParse(expireAfter, out var expireSpan))
        {
            run.Add("spec.lifecycle.expireAfter", $"{Q(expireAfter)} is not a duration; write hours/minutes/seconds such as 336h or 300h30m");
        }
        else if (graceOk && expireSpan + graceSpan > maxLifetime)
        {
            run.Add("spec.lifecycle.expireAfter", $"expireAfter {Q(expireAfter)} + terminationGracePeriod {Q(grace)} is {Hours(expireSpan + graceSpan)}, more than 504h (21 days) allowed on EKS Auto Mode; shorten expireAfter to at most {Hours(maxLifetime - graceSpan)}");
        }

        if (!graceOk || grace.Length > 16)
        {
            run.Add("spec.lifecycle.terminationGracePeriod", $"{Q(grace)} is not a duration; write hours/minutes/seconds such as 24h");
        }
    }

    private static string Hours(TimeSpan span) =>
        span.TotalHours == Math.Floor(span.TotalHours)
            ? $"{((long)span.TotalHours).ToString(CultureInfo.InvariantCulture)}h"
            : $"{((long)span.TotalHours).ToString(CultureInfo.InvariantCulture)}h{span.Minutes.ToString(CultureInfo.InvariantCulture)}m";
}
