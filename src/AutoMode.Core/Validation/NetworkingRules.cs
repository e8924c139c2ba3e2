using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>Subnet and security group selector terms, pod (custom) networking, network policy and proxy settings.</summary>
internal static partial class NetworkingRules
{
    /// <summary>The selector terms, in spec order: subnets, securityGroups, podSubnets, podSecurityGroups.</summary>
    public static void CheckSelectors(ValidationRun run, V1Alpha1WorkloadClassSpec spec)
    {
        SubnetTerms(run, "spec.subnets", spec.Subnets, required: true, "subnet");
        SecurityGroupTerms(run, "spec.securityGroups", spec.SecurityGroups);
        SubnetTerms(run, "spec.podSubnets", spec.PodSubnets, required: false, "subnet");
        SubnetTerms(run, "spec.podSecurityGroups", spec.PodSecurityGroups, required: false, "sg");
        if (spec.PodSubnets is not null && spec.PodSecurityGroups is null)
        {
            run.Add("spec.podSecurityGroups", "podSubnets requires podSecurityGroups (custom networking needs both); add podSecurityGroups or remove podSubnets");
        }

        if (spec.PodSecurityGroups is not null && spec.PodSubnets is null)
        {
            run.Add("spec.podSubnets", "podSecurityGroups requires podSubnets (custom networking needs both); add podSubnets or remove podSecurityGroups");
        }
    }

    /// <summary>networkPolicy, networkPolicyEventLogs, snatPolicy and advancedNetworking.</summary>
    public static void CheckPolicies(ValidationRun run, V1Alpha1WorkloadClassSpec spec)
    {
        run.Enum("spec.networkPolicy", spec.NetworkPolicy, "DefaultAllow", "DefaultDeny");
        run.Enum("spec.networkPolicyEventLogs", spec.NetworkPolicyEventLogs, "Enabled", "Disabled");
        run.Enum("spec.snatPolicy", spec.SnatPolicy, "Random", "Disabled");
        if (spec.AdvancedNetworking is not { } networking)
        {
            return;
        }

        if (networking.HttpsProxy is not null)
        {
            run.Length("spec.advancedNetworking.httpsProxy", networking.HttpsProxy, 1, 255);
        }

        run.Strings("spec.advancedNetworking.noProxy", networking.NoProxy, 50, unique: true, (at, entry) => run.Length(at, entry, 1, 255));
        run.Enum("spec.advancedNetworking.ipv4PrefixSize", networking.Ipv4PrefixSize, "Auto", "32");
    }

    private static void SubnetTerms(ValidationRun run, string path, IList<SubnetSelectorTerm>? terms, bool required, string idPrefix)
    {
        var field = path["spec.".Length..];
        if (!run.List(path, terms, 30, required, $"add at least one {field} term (by id or by tags), or remove {field}", nonEmpty: true))
        {
            return;
        }

        for (var i = 0; i < terms!.Count; i++)
        {
            var at = Index(path, i);
            if (terms[i] is not { } term)
            {
                run.Add(at, "is null; give an id or tags");
                continue;
            }

            if (term.Id is not null)
            {
                run.Pattern(Field(at, "id"), term.Id, 64, idPrefix == "sg" ? SecurityGroupId() : SubnetId(), $"a {(idPrefix == "sg" ? "security group" : "subnet")} id such as {idPrefix}-0123456789abcdef0");
            }

            SelectorTags(run, Field(at, "tags"), term.Tags);
            if (term.Id is null && term.Tags is null)
            {
                run.Add(at, $"each {field} term needs 'id' or 'tags'; set one of them");
            }

            if (term.Id is not null && term.Tags is not null)
            {
                run.Add(Field(at, "id"), $"'id' is mutually exclusive with 'tags' in a {field} term; split them into two terms");
            }
        }
    }

    private static void SecurityGroupTerms(ValidationRun run, string path, IList<SecurityGroupSelectorTerm>? terms)
    {
        if (!run.List(path, terms, 30, required: true, "add at least one securityGroups term (by id, name or tags)"))
        {
            return;
        }

        for (var i = 0; i < terms!.Count; i++)
        {
            var at = Index(path, i);
            if (terms[i] is not { } term)
            {
                run.Add(at, "is null; give an id, a name or tags");
                continue;
            }

            if (term.Id is not null)
            {
                run.Pattern(Field(at, "id"), term.Id, 64, SecurityGroupId(), "a security group id such as sg-0123456789abcdef0");
            }

            if (term.Name is not null)
            {
                run.Length(Field(at, "name"), term.Name, 1, 255);
            }

            SelectorTags(run, Field(at, "tags"), term.Tags);
            if (term.Id is null && term.Name is null && term.Tags is null)
            {
                run.Add(at, "each securityGroups term needs 'id', 'name' or 'tags'; set one of them");
            }

            if (term.Id is not null && (term.Name is not null || term.Tags is not null))
            {
                run.Add(Field(at, "id"), "'id' is mutually exclusive with 'name' and 'tags' in a securityGroups term; split them into separate terms");
            }

            if (term.Name is not null && term.Tags is not null)
            {
                run.Add(Field(at, "name"), "'name' is mutually exclusive with 'tags' in a securityGroups term; split them into separate terms");
            }
        }
    }

    private static void SelectorTags(ValidationRun run, string path, IDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > 20)
        {
            run.Add(path, $"has {tags.Count} tag filters; at most 20 are allowed, split the term");
        }

        foreach (var (key, value) in Ordered(tags))
        {
            var at = Key(path, key);
            if (key.Length == 0 || string.IsNullOrEmpty(value))
            {
                run.Add(at, "empty tag keys or values aren't supported: give every tag filter a key and a value (use \"*\" for any value)");
            }
            else
            {
                run.Length(at, value, 0, 256);
            }
        }
    }

    [GeneratedRegex(@"^subnet-[0-9a-z]+\z")]
    private static partial Regex SubnetId();

    [GeneratedRegex(@"^sg-[0-9a-z]+\z")]
    private static partial Regex SecurityGroupId();
}
