using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>apiVersion, kind, metadata.name and the off-hours override annotation.</summary>
internal static partial class MetadataRules
{
    public static void Check(ValidationRun run, V1Alpha1WorkloadClass wc)
    {
        if (wc.ApiVersion != WorkloadClassApi.ApiVersion)
        {
            run.Add("apiVersion", $"{Q(wc.ApiVersion)} is not {WorkloadClassApi.ApiVersion}; set apiVersion: {WorkloadClassApi.ApiVersion}");
        }

        if (wc.Kind != WorkloadClassApi.Kind)
        {
            run.Add("kind", $"{Q(wc.Kind)} is not {WorkloadClassApi.Kind}; set kind: {WorkloadClassApi.Kind}");
        }

        Name(run, wc.Metadata?.Name);
        if (wc.Metadata?.Annotations is { } annotations
            && annotations.TryGetValue(WorkloadClassApi.OffHoursOverrideAnnotation, out var overrideValue))
        {
            OffHoursOverride(run, Key("metadata.annotations", WorkloadClassApi.OffHoursOverrideAnnotation), overrideValue);
        }
    }

    /// <summary>A lowercase RFC 1123 label: a class name, a namespace name.</summary>
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
    public static partial Regex DnsLabel();

    private static void Name(ValidationRun run, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            run.Add("metadata.name", "is required; name the class (it becomes the NodeClass and NodePool name)");
            return;
        }

        if (WorkloadClassValidator.ReservedNames.Contains(name))
        {
            run.Add("metadata.name", $"{Q(name)} belongs to EKS Auto Mode's built-in NodeClass/NodePools (default, system, general-purpose); choose another name");
        }

        if (name.Length > 63 || !DnsLabel().IsMatch(name))
        {
            var suggestion = DnsLabelAdvice.Suggest(name);
            run.Add("metadata.name", $"{Q(name)} is not a DNS label (it becomes the karpenter.sh/nodepool label value): {string.Join("; ", DnsLabelAdvice.Problems(name))}"
                + (suggestion is null ? "" : $"; use e.g. {Q(suggestion)}"));
        }
    }

    private static void OffHoursOverride(ValidationRun run, string path, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var eq = value.IndexOf('=', StringComparison.Ordinal);
        var verb = eq < 0 ? value : value[..eq];
        if (eq < 0 || verb is not ("up-until" or "down-until"))
        {
            run.Add(path, $"{Q(value)} is not an override; use up-until=<RFC3339 time> or down-until=<RFC3339 time>, e.g. up-until=2026-11-24T08:00:00Z");
            return;
        }

        if (!ScheduleSyntax.IsRfc3339(value[(eq + 1)..]))
        {
            run.Add(path, $"{Q(value[(eq + 1)..])} is not an RFC 3339 time; write e.g. {verb}=2026-11-24T08:00:00Z");
        }
    }
}
