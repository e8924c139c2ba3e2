using System.Globalization;
using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;
using Cronos;

namespace AutoMode.Core.Validation;

/// <summary>
/// Mirrors every rule of crds/workloadclasses.automode.io.yaml (schema constraints and CEL) and adds what CEL cannot
/// check: cron syntax, IANA time zones, holiday dates, the off-hours override annotation, quantity syntax and
/// uniqueness. Never throws, whatever the input: null spec, null lists, null elements, huge strings.
/// </summary>
public static partial class WorkloadClassValidator
{
    /// <summary>Names that belong to EKS Auto Mode's built-in NodeClass and NodePools.</summary>
    public static IReadOnlySet<string> ReservedNames { get; } = new HashSet<string>(StringComparer.Ordinal) { "default", "system", "general-purpose" };

    /// <summary>Auto Mode's limit on expireAfter + terminationGracePeriod (21 days).</summary>
    public static TimeSpan MaxNodeLifetime { get; } = TimeSpan.FromHours(504);

    /// <summary>Defaults the CRD applies (and Auto Mode applies when the field is absent).</summary>
    public const string DefaultExpireAfter = "336h";

    public const string DefaultTerminationGracePeriod = "24h";

    /// <summary>Every error, in field order; empty when the class is valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(V1Alpha1WorkloadClass workloadClass)
    {
        var run = new Run();
        if (workloadClass is null)
        {
            run.Add("", "the object is null; give a WorkloadClass");
            return run.Errors;
        }

        run.Root(workloadClass);
        return run.Errors;
    }

    private sealed class Run
    {
        private const int LongString = 4096;

        public List<ValidationError> Errors { get; } = [];

        public void Add(string path, string message) => Errors.Add(new ValidationError(path, message));

        public void Root(V1Alpha1WorkloadClass wc)
        {
            if (wc.ApiVersion != WorkloadClassApi.ApiVersion)
            {
                Add("apiVersion", $"{Q(wc.ApiVersion)} is not {WorkloadClassApi.ApiVersion}; set apiVersion: {WorkloadClassApi.ApiVersion}");
            }

            if (wc.Kind != WorkloadClassApi.Kind)
            {
                Add("kind", $"{Q(wc.Kind)} is not {WorkloadClassApi.Kind}; set kind: {WorkloadClassApi.Kind}");
            }

            var name = wc.Metadata?.Name;
            if (string.IsNullOrEmpty(name))
            {
                Add("metadata.name", "is required; name the class (it becomes the NodeClass and NodePool name)");
            }
            else
            {
                if (ReservedNames.Contains(name))
                {
                    Add("metadata.name", $"{Q(name)} belongs to EKS Auto Mode's built-in NodeClass/NodePools (default, system, general-purpose); choose another name");
                }

                if (name.Length > 63 || !DnsLabel().IsMatch(name))
                {
                    var suggestion = DnsLabelAdvice.Suggest(name);
                    Add("metadata.name", $"{Q(name)} is not a DNS label (it becomes the karpenter.sh/nodepool label value): {string.Join("; ", DnsLabelAdvice.Problems(name))}"
                        + (suggestion is null ? "" : $"; use e.g. {Q(suggestion)}"));
                }
            }

            if (wc.Metadata?.Annotations is { } annotations
                && annotations.TryGetValue(WorkloadClassApi.OffHoursOverrideAnnotation, out var overrideValue))
            {
                OffHoursOverride(Key("metadata.annotations", WorkloadClassApi.OffHoursOverrideAnnotation), overrideValue);
            }

            if (wc.Spec is null)
            {
                Add("spec", "is required; add a spec with at least nodeRole, subnets and securityGroups");
                return;
            }

            Spec(wc.Spec);
        }

        private void OffHoursOverride(string path, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            var eq = value.IndexOf('=', StringComparison.Ordinal);
            var verb = eq < 0 ? value : value[..eq];
            if (eq < 0 || verb is not ("up-until" or "down-until"))
            {
                Add(path, $"{Q(value)} is not an override; use up-until=<RFC3339 time> or down-until=<RFC3339 time>, e.g. up-until=2026-11-24T08:00:00Z");
                return;
            }

            if (!IsRfc3339(value[(eq + 1)..]))
            {
                Add(path, $"{Q(value[(eq + 1)..])} is not an RFC 3339 time; write e.g. {verb}=2026-11-24T08:00:00Z");
            }
        }

        private void Spec(V1Alpha1WorkloadClassSpec spec)
        {
            foreach (var problem in NodeRoleName.Problems(spec.NodeRole))
            {
                Add("spec.nodeRole", spec.NodeRole is null ? problem : $"{Q(spec.NodeRole)}: {problem}");
            }

            SubnetTerms("spec.subnets", spec.Subnets, required: true, "subnet");
            SecurityGroupTerms("spec.securityGroups", spec.SecurityGroups);
            SubnetTerms("spec.podSubnets", spec.PodSubnets, required: false, "subnet");
            SubnetTerms("spec.podSecurityGroups", spec.PodSecurityGroups, required: false, "sg");
            if (spec.PodSubnets is not null && spec.PodSecurityGroups is null)
            {
                Add("spec.podSecurityGroups", "podSubnets requires podSecurityGroups (custom networking needs both); add podSecurityGroups or remove podSubnets");
            }

            if (spec.PodSecurityGroups is not null && spec.PodSubnets is null)
            {
                Add("spec.podSubnets", "podSecurityGroups requires podSubnets (custom networking needs both); add podSubnets or remove podSecurityGroups");
            }

            EphemeralStorage(spec.EphemeralStorage);
            Enum("spec.networkPolicy", spec.NetworkPolicy, "DefaultAllow", "DefaultDeny");
            Enum("spec.networkPolicyEventLogs", spec.NetworkPolicyEventLogs, "Enabled", "Disabled");
            Enum("spec.snatPolicy", spec.SnatPolicy, "Random", "Disabled");
            AdvancedNetworking(spec.AdvancedNetworking);
            Tags(spec.Tags);
            Instances(spec.Instances);
            NodeLabels(spec.NodeLabels);
            Taints("spec.taints", spec.Taints);
            Taints("spec.startupTaints", spec.StartupTaints);
            Limits(spec.Limits);
            if (spec.Weight is { } weight && weight is < 1 or > 100)
            {
                Add("spec.weight", $"{weight} is outside 1-100; pick a weight from 1 (lowest) to 100 (highest)");
            }

            Lifecycle(spec.Lifecycle);
            Disruption(spec.Disruption);
            OffHours(spec.OffHours);
        }

        private void SubnetTerms(string path, IList<SubnetSelectorTerm>? terms, bool required, string idPrefix)
        {
            var field = path["spec.".Length..];
            if (!List(path, terms, 30, required, $"add at least one {field} term (by id or by tags), or remove {field}", nonEmpty: true))
            {
                return;
            }

            for (var i = 0; i < terms!.Count; i++)
            {
                var at = Index(path, i);
                if (terms[i] is not { } term)
                {
                    Add(at, "is null; give an id or tags");
                    continue;
                }

                if (term.Id is not null)
                {
                    Pattern(Field(at, "id"), term.Id, 64, idPrefix == "sg" ? SecurityGroupId() : SubnetId(), $"a {(idPrefix == "sg" ? "security group" : "subnet")} id such as {idPrefix}-0123456789abcdef0");
                }

                SelectorTags(Field(at, "tags"), term.Tags);
                if (term.Id is null && term.Tags is null)
                {
                    Add(at, $"each {field} term needs 'id' or 'tags'; set one of them");
                }

                if (term.Id is not null && term.Tags is not null)
                {
                    Add(Field(at, "id"), $"'id' is mutually exclusive with 'tags' in a {field} term; split them into two terms");
                }
            }
        }

        private void SecurityGroupTerms(string path, IList<SecurityGroupSelectorTerm>? terms)
        {
            if (!List(path, terms, 30, required: true, "add at least one securityGroups term (by id, name or tags)"))
            {
                return;
            }

            for (var i = 0; i < terms!.Count; i++)
            {
                var at = Index(path, i);
                if (terms[i] is not { } term)
                {
                    Add(at, "is null; give an id, a name or tags");
                    continue;
                }

                if (term.Id is not null)
                {
                    Pattern(Field(at, "id"), term.Id, 64, SecurityGroupId(), "a security group id such as sg-0123456789abcdef0");
                }

                if (term.Name is not null)
                {
                    Length(Field(at, "name"), term.Name, 1, 255);
                }

                SelectorTags(Field(at, "tags"), term.Tags);
                if (term.Id is null && term.Name is null && term.Tags is null)
                {
                    Add(at, "each securityGroups term needs 'id', 'name' or 'tags'; set one of them");
                }

                if (term.Id is not null && (term.Name is not null || term.Tags is not null))
                {
                    Add(Field(at, "id"), "'id' is mutually exclusive with 'name' and 'tags' in a securityGroups term; split them into separate terms");
                }

                if (term.Name is not null && term.Tags is not null)
                {
                    Add(Field(at, "name"), "'name' is mutually exclusive with 'tags' in a securityGroups term; split them into separate terms");
                }
            }
        }

        private void SelectorTags(string path, IDictionary<string, string>? tags)
        {
            if (tags is null)
            {
                return;
            }

            if (tags.Count > 20)
            {
                Add(path, $"has {tags.Count} tag filters; at most 20 are allowed, split the term");
            }

            foreach (var (key, value) in Ordered(tags))
            {
                var at = Key(path, key);
                if (key.Length == 0 || string.IsNullOrEmpty(value))
                {
                    Add(at, "empty tag keys or values aren't supported: give every tag filter a key and a value (use \"*\" for any value)");
                }
                else
                {
                    Length(at, value, 0, 256);
                }
            }
        }

        private void EphemeralStorage(EphemeralStorageSpec? storage)
        {
            if (storage is null)
            {
                return;
            }

            if (storage.Size is not null)
            {
                Pattern("spec.ephemeralStorage.size", storage.Size, 8, VolumeSize(), "a size of 1-59000Gi, 1-64000G, 1-58Ti or 1-64T, e.g. 80Gi");
            }

            Range("spec.ephemeralStorage.iops", storage.Iops, 3000, 16000, "IOPS");
            Range("spec.ephemeralStorage.throughput", storage.Throughput, 125, 1000, "MiB/s of throughput");
            if (storage.KmsKeyId is not null)
            {
                Pattern("spec.ephemeralStorage.kmsKeyID", storage.KmsKeyId, 2048, KmsKey(), "a KMS key id, key ARN, alias/<name> or alias ARN");
            }
        }

        private void AdvancedNetworking(AdvancedNetworkingSpec? networking)
        {
            if (networking is null)
            {
                return;
            }

            if (networking.HttpsProxy is not null)
            {
                Length("spec.advancedNetworking.httpsProxy", networking.HttpsProxy, 1, 255);
            }

            Strings("spec.advancedNetworking.noProxy", networking.NoProxy, 50, unique: true, (at, entry) => Length(at, entry, 1, 255));
            Enum("spec.advancedNetworking.ipv4PrefixSize", networking.Ipv4PrefixSize, "Auto", "32");
        }

        private void Tags(IDictionary<string, string>? tags)
        {
            if (tags is null)
            {
                return;
            }

            if (tags.Count > RestrictedTags.MaxTags)
            {
                Add("spec.tags", $"has {tags.Count} tags; AWS allows at most {RestrictedTags.MaxTags}, remove some");
            }

            foreach (var (key, value) in Ordered(tags))
            {
                var at = Key("spec.tags", key);
                foreach (var problem in RestrictedTags.KeyProblems(key))
                {
                    Add(at, $"{Q(key)}: {problem}");
                }

                if (value is null)
                {
                    Add(at, "the tag value is null; give a value (it may be empty)");
                }
                else
                {
                    Length(at, value, 0, RestrictedTags.MaxValueLength);
                }
            }
        }

        private void Instances(InstanceSelection? instances)
        {
            if (instances is null)
            {
                return;
            }

            const string p = "spec.instances";
            Strings($"{p}.architectures", instances.Architectures, 2, unique: true, (at, v) => Enum(at, v, "amd64", "arm64"));
            Strings($"{p}.capacityTypes", instances.CapacityTypes, 3, unique: true, (at, v) => Enum(at, v, "spot", "on-demand", "reserved"));
            Strings($"{p}.categories", instances.Categories, 32, unique: true, (at, v) => Pattern(at, v, 16, Category(), "a lowercase category letter such as c, m, r, g or p"));
            Strings($"{p}.families", instances.Families, 100, unique: true, (at, v) => Pattern(at, v, 32, LowerName(), "a lowercase family such as m7g or c7i"));
            Strings($"{p}.excludeFamilies", instances.ExcludeFamilies, 100, unique: true, (at, v) => Pattern(at, v, 32, LowerName(), "a lowercase family such as t3"));
            Strings($"{p}.sizes", instances.Sizes, 50, unique: true, (at, v) => Pattern(at, v, 32, LowerName(), "a lowercase size such as large or 2xlarge"));
            IntRange($"{p}.generation", instances.Generation);
            IntRange($"{p}.cpu", instances.Cpu);
            IntRange($"{p}.memoryMiB", instances.MemoryMiB);
            if (instances.Gpu is { } gpu)
            {
                Strings($"{p}.gpu.names", gpu.Names, 32, unique: true, (at, v) => Pattern(at, v, 63, LowerName(), "a lowercase GPU name such as t4, a10g or h100"));
                Strings($"{p}.gpu.manufacturers", gpu.Manufacturers, 8, unique: true, (at, v) => Pattern(at, v, 63, LowerName(), "a lowercase manufacturer such as nvidia"));
                IntRange($"{p}.gpu.count", gpu.Count);
                IntRange($"{p}.gpu.memoryMiB", gpu.MemoryMiB);
            }

            Strings($"{p}.zones", instances.Zones, 64, unique: true, (at, v) => Pattern(at, v, 63, LowerName(), "a zone name such as us-east-1a"));
            if (!List($"{p}.requirements", instances.Requirements, 50, required: false, ""))
            {
                return;
            }

            for (var i = 0; i < instances.Requirements!.Count; i++)
            {
                Requirement(Index($"{p}.requirements", i), instances.Requirements[i]);
            }
        }

        private void Requirement(string at, RequirementSpec? requirement)
        {
            if (requirement is null)
            {
                Add(at, "is null; give key and operator");
                return;
            }

            var keyPath = Field(at, "key");
            if (string.IsNullOrEmpty(requirement.Key))
            {
                Add(keyPath, "is required; give an Auto Mode label key such as eks.amazonaws.com/instance-family");
            }
            else
            {
                if (!LabelKeySyntax.IsValidKey(requirement.Key))
                {
                    Add(keyPath, $"{Q(requirement.Key)} is not a valid label key; use an optional DNS-subdomain prefix and '/', then 1-63 characters [A-Za-z0-9._-]");
                }

                foreach (var problem in AutoModeLabels.RequirementKeyProblems(requirement.Key))
                {
                    Add(keyPath, $"{Q(requirement.Key)}: {problem}");
                }
            }

            var op = requirement.Operator;
            if (op is null)
            {
                Add(Field(at, "operator"), "is required; use In, NotIn, Exists, DoesNotExist, Gt or Lt");
            }
            else
            {
                Enum(Field(at, "operator"), op, "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");
            }

            var values = requirement.Values;
            var valuesPath = Field(at, "values");
            Strings(valuesPath, values, 100, unique: false, (vAt, v) =>
            {
                if (!LabelKeySyntax.IsValidValue(v))
                {
                    Add(vAt, $"{Q(v)} is not a valid label value: at most 63 characters [A-Za-z0-9._-], starting and ending alphanumeric");
                }
            });
            var count = values?.Count ?? 0;
            if (op is "In" or "NotIn" && count == 0)
            {
                Add(valuesPath, $"operator {op} needs at least one value; add values");
            }

            if (op is "Exists" or "DoesNotExist" && count > 0)
            {
                Add(valuesPath, $"operator {op} takes no values; remove values");
            }

            if (op is "Gt" or "Lt" && !(count == 1 && values![0] is { } single && NonNegativeInteger().IsMatch(single)))
            {
                Add(valuesPath, $"operator {op} needs exactly one non-negative integer value, e.g. values: [\"4\"]");
            }

            if (requirement.MinValues is { } minValues)
            {
                if (minValues is < 1 or > 50)
                {
                    Add(Field(at, "minValues"), $"{minValues} is outside 1-50; pick a value in range");
                }

                if (op != "In" || count < minValues)
                {
                    Add(Field(at, "minValues"), $"minValues {minValues} needs operator In with at least that many values; add values or lower minValues");
                }
            }

            if (requirement.Key is AutoModeLabels.Os or AutoModeLabels.BetaOs
                && !(op == "In" && values is not null && values.All(v => v == "linux")))
            {
                Add(valuesPath, $"EKS Auto Mode runs Linux nodes only; use operator In with values [linux] for {requirement.Key}, or drop the requirement");
            }
        }

        private void IntRange(string path, IntRange? range)
        {
            if (range is null)
            {
                return;
            }

            if (range.Min is null && range.Max is null)
            {
                Add(path, "is empty; give min and/or max, or remove it");
                return;
            }

            Range(Field(path, "min"), range.Min, 1, 1_000_000_000, "as the lower bound (omit min for no lower bound)");
            Range(Field(path, "max"), range.Max, 0, 1_000_000_000, "as the upper bound");
            if (range.Min > range.Max)
            {
                Add(Field(path, "min"), $"min {range.Min} is greater than max {range.Max}; swap them");
            }
        }

        private void NodeLabels(IDictionary<string, string>? labels)
        {
            if (labels is null)
            {
                return;
            }

            if (labels.Count > 100)
            {
                Add("spec.nodeLabels", $"has {labels.Count} labels; at most 100 are allowed");
            }

            foreach (var (key, value) in Ordered(labels))
            {
                var at = Key("spec.nodeLabels", key);
                foreach (var problem in AutoModeLabels.NodeLabelKeyProblems(key))
                {
                    Add(at, $"{Q(key)}: {problem}");
                }

                if (value is null || !LabelKeySyntax.IsValidValue(value))
                {
                    Add(at, $"the value {Q(value)} is not a valid label value: at most 63 characters [A-Za-z0-9._-], starting and ending alphanumeric");
                }
            }
        }

        private void Taints(string path, IList<TaintSpec>? taints)
        {
            if (!List(path, taints, 50, required: false, ""))
            {
                return;
            }

            var seen = new HashSet<(string?, string?)>();
            for (var i = 0; i < taints!.Count; i++)
            {
                var at = Index(path, i);
                if (taints[i] is not { } taint)
                {
                    Add(at, "is null; give key and effect");
                    continue;
                }

                if (string.IsNullOrEmpty(taint.Key))
                {
                    Add(Field(at, "key"), "is required; give a taint key such as example.com/team");
                }
                else if (!LabelKeySyntax.IsValidKey(taint.Key))
                {
                    Add(Field(at, "key"), $"{Q(taint.Key)} is not a valid taint key; use an optional DNS-subdomain prefix and '/', then 1-63 characters [A-Za-z0-9._-]");
                }
                else if (taint.Key == WorkloadClassApi.DedicatedTaintKey)
                {
                    Add(Field(at, "key"), $"the taint key {WorkloadClassApi.DedicatedTaintKey} is reserved for 'dedicated: true'; set dedicated instead or pick another key");
                }

                if (taint.Value is not null && !LabelKeySyntax.IsValidValue(taint.Value))
                {
                    Add(Field(at, "value"), $"{Q(taint.Value)} is not a valid taint value: at most 63 characters [A-Za-z0-9._-], starting and ending alphanumeric");
                }

                if (taint.Effect is null)
                {
                    Add(Field(at, "effect"), "is required; use NoSchedule, PreferNoSchedule or NoExecute");
                }
                else
                {
                    Enum(Field(at, "effect"), taint.Effect, "NoSchedule", "PreferNoSchedule", "NoExecute");
                }

                if (!seen.Add((taint.Key, taint.Effect)))
                {
                    Add(at, $"duplicates an earlier taint with key {Q(taint.Key)} and effect {Q(taint.Effect)}; remove one");
                }
            }
        }

        private void Limits(IDictionary<string, string>? limits)
        {
            if (limits is null)
            {
                return;
            }

            if (limits.Count > 16)
            {
                Add("spec.limits", $"has {limits.Count} entries; at most 16 are allowed");
            }

            foreach (var (key, value) in Ordered(limits))
            {
                if (!KubeQuantity.IsValid(value))
                {
                    Add(Key("spec.limits", key), $"{Q(value)} is not a non-negative Kubernetes quantity; write e.g. \"100\", \"500m\" or \"64Gi\"");
                }
            }
        }

        private void Lifecycle(LifecycleSpec? lifecycle)
        {
            if (lifecycle is null)
            {
                return;
            }

            var expireAfter = lifecycle.ExpireAfter ?? DefaultExpireAfter;
            var grace = lifecycle.TerminationGracePeriod ?? DefaultTerminationGracePeriod;
            var graceOk = KubeDuration.TryParse(grace, out var graceSpan);
            if (expireAfter == KubeDuration.Never)
            {
                Add("spec.lifecycle.expireAfter", "\"Never\" is not allowed on EKS Auto Mode; use a duration of at most 504h minus terminationGracePeriod");
            }
            else if (expireAfter.Length > 16 || !KubeDuration.TryParse(expireAfter, out var expireSpan))
            {
                Add("spec.lifecycle.expireAfter", $"{Q(expireAfter)} is not a duration; write hours/minutes/seconds such as 336h or 300h30m");
            }
            else
            {
                if (graceOk && expireSpan + graceSpan > MaxNodeLifetime)
                {
                    Add("spec.lifecycle.expireAfter", $"expireAfter {Q(expireAfter)} + terminationGracePeriod {Q(grace)} is {Hours(expireSpan + graceSpan)}, more than 504h (21 days) allowed on EKS Auto Mode; shorten expireAfter to at most {Hours(MaxNodeLifetime - graceSpan)}");
                }
            }

            if (!graceOk || grace.Length > 16)
            {
                Add("spec.lifecycle.terminationGracePeriod", $"{Q(grace)} is not a duration; write hours/minutes/seconds such as 24h");
            }
        }

        private void Disruption(DisruptionSpec? disruption)
        {
            if (disruption is null)
            {
                return;
            }

            Enum("spec.disruption.consolidationPolicy", disruption.ConsolidationPolicy, "WhenEmpty", "WhenEmptyOrUnderutilized", "Balanced");
            if (disruption.ConsolidateAfter is { } after && (after.Length > 16 || !KubeDuration.IsDurationOrNever(after)))
            {
                Add("spec.disruption.consolidateAfter", $"{Q(after)} is not a duration or Never; write e.g. 30s, 5m or Never");
            }

            if (!List("spec.disruption.budgets", disruption.Budgets, 50, required: false, ""))
            {
                return;
            }

            for (var i = 0; i < disruption.Budgets!.Count; i++)
            {
                Budget(Index("spec.disruption.budgets", i), disruption.Budgets[i]);
            }
        }

        private void Budget(string at, DisruptionBudgetSpec? budget)
        {
            if (budget is null)
            {
                Add(at, "is null; give at least nodes");
                return;
            }

            if (budget.Nodes is null)
            {
                Add(Field(at, "nodes"), "is required; give a count (\"0\" blocks voluntary disruption) or a percentage such as \"10%\"");
            }
            else
            {
                Pattern(Field(at, "nodes"), budget.Nodes, 8, BudgetNodes(), "a count such as \"0\" or a percentage such as \"10%\"");
            }

            if (budget.Schedule is not null)
            {
                Cron(Field(at, "schedule"), budget.Schedule);
            }

            if (budget.Duration is not null)
            {
                Pattern(Field(at, "duration"), budget.Duration, 16, BudgetDuration(), "hours and/or minutes such as 9h or 1h30m");
            }

            if (budget.TimeZone is not null)
            {
                TimeZone(Field(at, "timeZone"), budget.TimeZone);
            }

            Strings(Field(at, "reasons"), budget.Reasons, 3, unique: true, (rAt, r) => Enum(rAt, r, "Underutilized", "Empty", "Drifted"));
            if (budget.Schedule is not null && budget.Duration is null)
            {
                Add(Field(at, "duration"), "'schedule' must be set with 'duration'; add a duration such as 9h");
            }

            if (budget.Duration is not null && budget.Schedule is null)
            {
                Add(Field(at, "schedule"), "'duration' must be set with 'schedule'; add a 5-field cron schedule");
            }

            if (budget.TimeZone is not null && budget.Schedule is null)
            {
                Add(Field(at, "timeZone"), "'timeZone' only applies to a schedule; add a schedule or remove timeZone");
            }
        }

        private void OffHours(OffHoursSpec? offHours)
        {
            if (offHours is null)
            {
                return;
            }

            const string p = "spec.offHours";
            if (offHours.TimeZone is not null)
            {
                TimeZone($"{p}.timeZone", offHours.TimeZone);
            }

            if (List($"{p}.windows", offHours.Windows, 20, required: false, ""))
            {
                for (var i = 0; i < offHours.Windows!.Count; i++)
                {
                    var at = Index($"{p}.windows", i);
                    if (offHours.Windows[i] is not { } window)
                    {
                        Add(at, "is null; give start and end");
                        continue;
                    }

                    if (window.Start is null)
                    {
                        Add(Field(at, "start"), "is required; give a 5-field cron such as \"0 20 * * 1-5\"");
                    }
                    else
                    {
                        Cron(Field(at, "start"), window.Start);
                    }

                    if (window.End is null)
                    {
                        Add(Field(at, "end"), "is required; give a 5-field cron such as \"0 7 * * 1-5\"");
                    }
                    else
                    {
                        Cron(Field(at, "end"), window.End);
                    }

                    if (window.Start is not null && window.Start == window.End)
                    {
                        Add(Field(at, "end"), "a window's start and end must differ; change one of them");
                    }
                }
            }

            Strings($"{p}.holidays", offHours.Holidays, 366, unique: true, (at, day) =>
            {
                if (day.Length != 10 || !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    Add(at, $"{Q(day)} is not a date; write yyyy-MM-dd, e.g. 2026-12-25");
                }
            });
            if (offHours.GracePeriod is { } grace && (grace.Length > 16 || !KubeDuration.TryParse(grace, out _)))
            {
                Add($"{p}.gracePeriod", $"{Q(grace)} is not a duration; write e.g. 0s, 30m or 1h");
            }

            if (offHours.Drain is { } drain)
            {
                if (drain.MaxUnavailable is { } maxUnavailable && !(maxUnavailable.Length <= 8 && MaxUnavailable().IsMatch(maxUnavailable)))
                {
                    Add($"{p}.drain.maxUnavailable", $"{Q(maxUnavailable)} is not a count of at least 1 or a percentage of 1-100%; write e.g. 2 or \"25%\"");
                }

                if (drain.BlockedAfter is { } blocked && (blocked.Length > 16 || !KubeDuration.TryParse(blocked, out _)))
                {
                    Add($"{p}.drain.blockedAfter", $"{Q(blocked)} is not a duration; write e.g. 30m or 1h");
                }

                Strings($"{p}.drain.protectedNamespaces", drain.ProtectedNamespaces, 50, unique: true, (at, ns) => Pattern(at, ns, 63, DnsLabel(), "a namespace name (a lowercase DNS label)"));
            }

            if ((offHours.Windows?.Count ?? 0) == 0 && (offHours.Holidays?.Count ?? 0) == 0)
            {
                Add($"{p}.windows", "offHours needs at least one window or holiday; add windows (start/end cron) or remove offHours");
            }
        }

        private void Cron(string path, string cron)
        {
            if (cron.Length is < 9 or > 128 || !CronFields().IsMatch(cron))
            {
                Add(path, $"{Q(cron)} is not a 5-field cron (minute hour day-of-month month day-of-week); write e.g. \"0 20 * * 1-5\"");
                return;
            }

            if (!CronExpression.TryParse(cron, CronFormat.Standard, out _))
            {
                Add(path, $"{Q(cron)} is not a valid cron expression; check each of the 5 fields (minute 0-59, hour 0-23, day 1-31, month 1-12, weekday 0-6), e.g. \"0 20 * * 1-5\"");
            }
        }

        private void TimeZone(string path, string zone)
        {
            if (!IsIanaZone(zone))
            {
                Add(path, $"{Q(zone)} is not an IANA time zone; use a name such as UTC, Europe/Berlin or America/New_York");
            }
        }

        private bool List<T>(string path, IList<T>? list, int max, bool required, string fix, bool nonEmpty = false)
        {
            if (list is null)
            {
                if (required)
                {
                    Add(path, $"is required; {fix}");
                }

                return false;
            }

            if (list.Count == 0 && (required || nonEmpty))
            {
                Add(path, $"is empty; {(fix.Length > 0 ? fix : "add at least one term or remove the field")}");
            }

            if (list.Count > max)
            {
                Add(path, $"has {list.Count} items; at most {max} are allowed");
            }

            return true;
        }

        private void Strings(string path, IList<string>? list, int max, bool unique, Action<string, string> each)
        {
            if (!List(path, list, max, required: false, ""))
            {
                return;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list!.Count; i++)
            {
                var at = Index(path, i);
                if (list[i] is not { } value)
                {
                    Add(at, "is null; remove it or give a value");
                    continue;
                }

                each(at, value);
                if (unique && !seen.Add(value))
                {
                    Add(at, $"{Q(value)} is listed twice; remove the duplicate");
                }
            }
        }

        private void Enum(string path, string? value, params string[] allowed)
        {
            if (value is not null && Array.IndexOf(allowed, value) < 0)
            {
                Add(path, $"{Q(value)} is not allowed; use {string.Join(", ", allowed.Take(allowed.Length - 1))}{(allowed.Length > 1 ? " or " : "")}{allowed[^1]}");
            }
        }

        private void Pattern(string path, string value, int maxLength, Regex pattern, string expected)
        {
            if (value.Length == 0 || value.EnumerateRunes().Count() > maxLength || !pattern.IsMatch(value))
            {
                Add(path, $"{Q(value)} is not valid; use {expected}");
            }
        }

        private void Length(string path, string value, int min, int max)
        {
            var length = value.Length > LongString ? value.Length : value.EnumerateRunes().Count();
            if (length < min || length > max)
            {
                Add(path, $"{Q(value)} is {length} characters; use {(min > 0 ? $"{min}-{max}" : $"at most {max}")}");
            }
        }

        private void Range(string path, long? value, long min, long max, string what)
        {
            if (value is { } v && (v < min || v > max))
            {
                Add(path, $"{v} is outside {min}-{max}; use {min}-{max} {what}");
            }
        }
    }

    internal static bool IsIanaZone(string zone)
    {
        if (zone.Length is 0 or > 64 || !ZoneName().IsMatch(zone) || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return false;
        }

        // On Linux .NET also resolves Windows ids ("Pacific Standard Time"); the renderer needs an IANA name.
        return zone == "UTC" || !TimeZoneInfo.TryConvertWindowsIdToIanaId(zone, out var iana) || iana == zone;
    }

    private static bool IsRfc3339(string text) =>
        text.Length <= 64 && Rfc3339().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    private static IEnumerable<KeyValuePair<string, string>> Ordered(IDictionary<string, string> map) =>
        map.OrderBy(p => p.Key, StringComparer.Ordinal);

    private static string Field(string parent, string name) => parent + "." + name;

    private static string Index(string parent, int index) => $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";

    private static string Key(string parent, string key) =>
        $"{parent}[\"{Truncate(key).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";

    private static string Q(string? value) =>
        value is null ? "null" : "\"" + Truncate(value).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Truncate(string value) => value.Length > 100 ? value[..97] + "..." : value;

    private static string Hours(TimeSpan span) =>
        span.TotalHours == Math.Floor(span.TotalHours)
            ? $"{((long)span.TotalHours).ToString(CultureInfo.InvariantCulture)}h"
            : $"{((long)span.TotalHours).ToString(CultureInfo.InvariantCulture)}h{span.Minutes.ToString(CultureInfo.InvariantCulture)}m";

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^subnet-[0-9a-z]+\z")]
    private static partial Regex SubnetId();

    [GeneratedRegex(@"^sg-[0-9a-z]+\z")]
    private static partial Regex SecurityGroupId();

    [GeneratedRegex(@"^((?:[1-9][0-9]{0,3}|[1-4][0-9]{4}|[5][0-8][0-9]{3}|59000)Gi|(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|[6][0-3][0-9]{3}|64000)G|(?:[1-9]|[1-5][0-7]|58)Ti|(?:[1-9]|[1-5][0-9]|6[0-3]|64)T)\z")]
    private static partial Regex VolumeSize();

    [GeneratedRegex(@"^(arn:[a-z0-9-]+:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+|alias/[A-Za-z0-9/_-]+|(mrk-)?[0-9a-fA-F-]{32,36})\z")]
    private static partial Regex KmsKey();

    [GeneratedRegex(@"^[a-z]+\z")]
    private static partial Regex Category();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*\z")]
    private static partial Regex LowerName();

    [GeneratedRegex(@"^[0-9]{1,18}\z")]
    private static partial Regex NonNegativeInteger();

    [GeneratedRegex(@"^((100|[0-9]{1,2})%|[0-9]+)\z")]
    private static partial Regex BudgetNodes();

    [GeneratedRegex(@"^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)\z")]
    private static partial Regex BudgetDuration();

    [GeneratedRegex(@"^(([1-9][0-9]?|100)%|[1-9][0-9]*)\z")]
    private static partial Regex MaxUnavailable();

    // RE2's \s and \S are ASCII-only; .NET's would also accept Unicode spaces.
    [GeneratedRegex(@"^[^ \t\n\f\r]+([ \t\n\f\r]+[^ \t\n\f\r]+){4}\z")]
    private static partial Regex CronFields();

    [GeneratedRegex(@"^[A-Za-z0-9_+/-]+\z")]
    private static partial Regex ZoneName();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
