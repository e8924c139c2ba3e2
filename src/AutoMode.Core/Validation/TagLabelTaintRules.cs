using AutoMode.Core.Api.V1Alpha1;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>What the class stamps on AWS resources and nodes: spec.tags, spec.nodeLabels, spec.taints, spec.startupTaints.</summary>
internal static class TagLabelTaintRules
{
    public static void Tags(ValidationRun run, IDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > RestrictedTags.MaxTags)
        {
            run.Add("spec.tags", $"has {tags.Count} tags; AWS allows at most {RestrictedTags.MaxTags}, remove some");
        }

        foreach (var (key, value) in Ordered(tags))
        {
            var at = Key("spec.tags", key);
            foreach (var problem in RestrictedTags.KeyProblems(key))
            {
                run.Add(at, $"{Q(key)}: {problem}");
            }

            if (value is null)
            {
                run.Add(at, "the tag value is null; give a value (it may be empty)");
            }
            else
            {
                run.Length(at, value, 0, RestrictedTags.MaxValueLength);
            }
        }
    }

    public static void NodeLabels(ValidationRun run, IDictionary<string, string>? labels)
    {
        if (labels is null)
        {
            return;
        }

        if (labels.Count > 100)
        {
            run.Add("spec.nodeLabels", $"has {labels.Count} labels; at most 100 are allowed");
        }

        foreach (var (key, value) in Ordered(labels))
        {
            var at = Key("spec.nodeLabels", key);
            foreach (var problem in AutoModeLabels.NodeLabelKeyProblems(key))
            {
                run.Add(at, $"{Q(key)}: {problem}");
            }

            if (value is null || !LabelKeySyntax.IsValidValue(value))
            {
                run.Add(at, $"the value {Q(value)} is not a valid label value: at most 63 characters [A-Za-z0-9._-], starting and ending alphanumeric");
            }
        }
    }

    public static void Taints(ValidationRun run, string path, IList<TaintSpec>? taints)
    {
        if (!run.List(path, taints, 50, required: false, ""))
        {
            return;
        }

        var seen = new HashSet<(string?, string?)>();
        for (var i = 0; i < taints!.Count; i++)
        {
            var at = Index(path, i);
            if (taints[i] is not { } taint)
            {
                run.Add(at, "is null; give key and effect");
                continue;
            }

            TaintKey(run, Field(at, "key"), taint.Key);
            if (taint.Value is not null && !LabelKeySyntax.IsValidValue(taint.Value))
            {
                run.Add(Field(at, "value"), $"{Q(taint.Value)} is not a valid taint value: at most 63 characters [A-Za-z0-9._-], starting and ending alphanumeric");
            }

            if (taint.Effect is null)
            {
                run.Add(Field(at, "effect"), "is required; use NoSchedule, PreferNoSchedule or NoExecute");
            }
            else
            {
                run.Enum(Field(at, "effect"), taint.Effect, "NoSchedule", "PreferNoSchedule", "NoExecute");
            }

            if (!seen.Add((taint.Key, taint.Effect)))
            {
                run.Add(at, $"duplicates an earlier taint with key {Q(taint.Key)} and effect {Q(taint.Effect)}; remove one");
            }
        }
    }

    private static void TaintKey(ValidationRun run, string path, string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            run.Add(path, "is required; give a taint key such as example.com/team");
        }
        else if (!LabelKeySyntax.IsValidKey(key))
        {
            run.Add(path, $"{Q(key)} is not a valid taint key; use an optional DNS-subdomain prefix and '/', then 1-63 characters [A-Za-z0-9._-]");
        }
        else if (key == WorkloadClassApi.DedicatedTaintKey)
        {
            run.Add(path, $"the taint key {WorkloadClassApi.DedicatedTaintKey} is reserved for 'dedicated: true'; set dedicated instead or pick another key");
        }
    }
}
