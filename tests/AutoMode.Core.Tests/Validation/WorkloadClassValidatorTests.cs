using System.Text.Json.Nodes;
using AutoMode.Core.Validation;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Validation;

public sealed class WorkloadClassValidatorTests
{
    private const string Base = """
        {
          "apiVersion": "automode.io/v1alpha1",
          "kind": "WorkloadClass",
          "metadata": {"name": "batch"},
          "spec": {
            "nodeRole": "AmazonEKSAutoNodeRole",
            "subnets": [{"tags": {"Tier": "private"}}],
            "securityGroups": [{"id": "sg-0123456789abcdef0"}]
          }
        }
        """;

    private static readonly string Role64 = new('r', 64);
    private static readonly string Role65 = new('r', 65);

    /// <summary>reason, JSON merge patch (RFC 7386) applied to <see cref="Base"/>, the path that must fail (null: valid).</summary>
    public static TheoryData<string, string, string?> Rules => new()
    {
        { "the base object is valid", "{}", null },
        // metadata
        { "reserved name general-purpose", """{"metadata": {"name": "general-purpose"}}""", "metadata.name" },
        { "reserved name default", """{"metadata": {"name": "default"}}""", "metadata.name" },
        { "reserved name system", """{"metadata": {"name": "system"}}""", "metadata.name" },
        { "name longer than 63", $$$$"""{"metadata": {"name": "{{{{new string('a', 64)}}}}"}}""", "metadata.name" },
        { "name of 63 is fine", $$$$"""{"metadata": {"name": "{{{{new string('a', 63)}}}}"}}""", null },
        { "name with uppercase", """{"metadata": {"name": "Batch"}}""", "metadata.name" },
        { "missing name", """{"metadata": {"name": null}}""", "metadata.name" },
        { "wrong apiVersion", """{"apiVersion": "automode.io/v1"}""", "apiVersion" },
        { "wrong kind", """{"kind": "NodePool"}""", "kind" },
        { "override up-until RFC 3339", """{"metadata": {"annotations": {"automode.io/off-hours-override": "up-until=2026-11-24T08:00:00Z"}}}""", null },
        { "override down-until with offset", """{"metadata": {"annotations": {"automode.io/off-hours-override": "down-until=2026-11-24T08:00:00+01:00"}}}""", null },
        { "override without verb", """{"metadata": {"annotations": {"automode.io/off-hours-override": "2026-11-24T08:00:00Z"}}}""", "metadata.annotations[\"automode.io/off-hours-override\"]" },
        { "override with a date only", """{"metadata": {"annotations": {"automode.io/off-hours-override": "up-until=2026-11-24"}}}""", "metadata.annotations[\"automode.io/off-hours-override\"]" },
        // nodeRole
        { "role name of 64", $$$$"""{"spec": {"nodeRole": "{{{{Role64}}}}"}}""", null },
        { "role name of 65", $$$$"""{"spec": {"nodeRole": "{{{{Role65}}}}"}}""", "spec.nodeRole" },
        { "role ARN with path reduces to 64", $$$$"""{"spec": {"nodeRole": "arn:aws:iam::111122223333:role/a/b/{{{{Role64}}}}"}}""", null },
        { "role ARN reducing to 65", $$$$"""{"spec": {"nodeRole": "arn:aws-cn:iam::111122223333:role/{{{{Role65}}}}"}}""", "spec.nodeRole" },
        { "role ARN that is not an IAM role ARN", """{"spec": {"nodeRole": "arn:aws:iam::111122223333:user/admin"}}""", "spec.nodeRole" },
        { "role ARN ending in a slash", """{"spec": {"nodeRole": "arn:aws:iam::111122223333:role/"}}""", "spec.nodeRole" },
        { "role name with a space", """{"spec": {"nodeRole": "my role"}}""", "spec.nodeRole" },
        { "role name with a trailing newline", """{"spec": {"nodeRole": "role\n"}}""", "spec.nodeRole" },
        { "missing role", """{"spec": {"nodeRole": null}}""", "spec.nodeRole" },
        // subnets / security groups
        { "missing subnets", """{"spec": {"subnets": null}}""", "spec.subnets" },
        { "empty subnets", """{"spec": {"subnets": []}}""", "spec.subnets" },
        { "subnet by id", """{"spec": {"subnets": [{"id": "subnet-0abc"}]}}""", null },
        { "subnet id with wrong prefix", """{"spec": {"subnets": [{"id": "sg-0abc"}]}}""", "spec.subnets[0].id" },
        { "subnet term with id and tags", """{"spec": {"subnets": [{"id": "subnet-0abc", "tags": {"a": "b"}}]}}""", "spec.subnets[0].id" },
        { "subnet term empty", """{"spec": {"subnets": [{}]}}""", "spec.subnets[0]" },
        { "subnet tag with empty value", """{"spec": {"subnets": [{"tags": {"Tier": ""}}]}}""", "spec.subnets[0].tags[\"Tier\"]" },
        { "subnet tag value wildcard", """{"spec": {"subnets": [{"tags": {"Tier": "*"}}]}}""", null },
        { "31 subnet terms", "{\"spec\": {\"subnets\": [" + string.Join(",", Enumerable.Repeat("{\"id\": \"subnet-1\"}", 31)) + "]}}", "spec.subnets" },
        { "21 subnet tag filters", "{\"spec\": {\"subnets\": [{\"tags\": {" + string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"k{i}\": \"v\"")) + "}}]}}", "spec.subnets[0].tags" },
        { "missing security groups", """{"spec": {"securityGroups": null}}""", "spec.securityGroups" },
        { "security group by name", """{"spec": {"securityGroups": [{"name": "eks-cluster-sg"}]}}""", null },
        { "security group id wrong prefix", """{"spec": {"securityGroups": [{"id": "subnet-1"}]}}""", "spec.securityGroups[0].id" },
        { "security group id with name", """{"spec": {"securityGroups": [{"id": "sg-1", "name": "x"}]}}""", "spec.securityGroups[0].id" },
        { "security group name with tags", """{"spec": {"securityGroups": [{"name": "x", "tags": {"a": "b"}}]}}""", "spec.securityGroups[0].name" },
        { "security group term empty", """{"spec": {"securityGroups": [{}]}}""", "spec.securityGroups[0]" },
        { "security group name too long", $$$$"""{"spec": {"securityGroups": [{"name": "{{{{new string('n', 256)}}}}"}]}}""", "spec.securityGroups[0].name" },
        // custom networking
        { "pod subnets and pod security groups", """{"spec": {"podSubnets": [{"id": "subnet-1"}], "podSecurityGroups": [{"id": "sg-1"}]}}""", null },
        { "pod subnets alone", """{"spec": {"podSubnets": [{"id": "subnet-1"}]}}""", "spec.podSecurityGroups" },
        { "pod security groups alone", """{"spec": {"podSecurityGroups": [{"id": "sg-1"}]}}""", "spec.podSubnets" },
        { "pod security group with subnet id", """{"spec": {"podSubnets": [{"id": "subnet-1"}], "podSecurityGroups": [{"id": "subnet-1"}]}}""", "spec.podSecurityGroups[0].id" },
        { "empty pod subnets", """{"spec": {"podSubnets": [], "podSecurityGroups": [{"id": "sg-1"}]}}""", "spec.podSubnets" },
        // ephemeral storage
        { "storage at the limits", """{"spec": {"ephemeralStorage": {"size": "59000Gi", "iops": 16000, "throughput": 1000, "kmsKeyID": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}}""", null },
        { "storage size too large", """{"spec": {"ephemeralStorage": {"size": "59001Gi"}}}""", "spec.ephemeralStorage.size" },
        { "storage size in Mi", """{"spec": {"ephemeralStorage": {"size": "80000Mi"}}}""", "spec.ephemeralStorage.size" },
        { "storage size in T", """{"spec": {"ephemeralStorage": {"size": "64T"}}}""", null },
        { "iops below 3000", """{"spec": {"ephemeralStorage": {"iops": 2999}}}""", "spec.ephemeralStorage.iops" },
        { "throughput above 1000", """{"spec": {"ephemeralStorage": {"throughput": 1001}}}""", "spec.ephemeralStorage.throughput" },
        { "kms alias name", """{"spec": {"ephemeralStorage": {"kmsKeyID": "alias/eks"}}}""", null },
        { "kms key id garbage", """{"spec": {"ephemeralStorage": {"kmsKeyID": "my key"}}}""", "spec.ephemeralStorage.kmsKeyID" },
        // enums
        { "network policy DefaultDeny", """{"spec": {"networkPolicy": "DefaultDeny", "networkPolicyEventLogs": "Enabled", "snatPolicy": "Disabled"}}""", null },
        { "network policy unknown", """{"spec": {"networkPolicy": "Deny"}}""", "spec.networkPolicy" },
        { "event logs unknown", """{"spec": {"networkPolicyEventLogs": "On"}}""", "spec.networkPolicyEventLogs" },
        { "snat policy unknown", """{"spec": {"snatPolicy": "Off"}}""", "spec.snatPolicy" },
        // advanced networking
        { "proxy settings", """{"spec": {"advancedNetworking": {"associatePublicIPAddress": false, "httpsProxy": "http://192.0.2.4:3128", "noProxy": ["localhost", ".internal"], "ipv4PrefixSize": "32"}}}""", null },
        { "proxy too long", $$$$"""{"spec": {"advancedNetworking": {"httpsProxy": "http://{{{{new string('p', 250)}}}}"}}}""", "spec.advancedNetworking.httpsProxy" },
        { "51 noProxy entries", "{\"spec\": {\"advancedNetworking\": {\"noProxy\": [" + string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"h{i}\"")) + "]}}}", "spec.advancedNetworking.noProxy" },
        { "duplicate noProxy entry", """{"spec": {"advancedNetworking": {"noProxy": ["a", "a"]}}}""", "spec.advancedNetworking.noProxy[1]" },
        { "prefix size 28", """{"spec": {"advancedNetworking": {"ipv4PrefixSize": "28"}}}""", "spec.advancedNetworking.ipv4PrefixSize" },
        // tags
        { "cost allocation tags", """{"spec": {"tags": {"CostCenter": "4711", "Team": ""}}}""", null },
        { "cluster tag", """{"spec": {"tags": {"kubernetes.io/cluster/prod": "owned"}}}""", "spec.tags[\"kubernetes.io/cluster/prod\"]" },
        { "provisioner-name tag", """{"spec": {"tags": {"karpenter.sh/provisioner-name": "x"}}}""", "spec.tags[\"karpenter.sh/provisioner-name\"]" },
        { "nodepool tag", """{"spec": {"tags": {"karpenter.sh/nodepool": "x"}}}""", "spec.tags[\"karpenter.sh/nodepool\"]" },
        { "nodeclaim tag", """{"spec": {"tags": {"karpenter.sh/nodeclaim": "x"}}}""", "spec.tags[\"karpenter.sh/nodeclaim\"]" },
        { "managed-by tag", """{"spec": {"tags": {"karpenter.sh/managed-by": "x"}}}""", "spec.tags[\"karpenter.sh/managed-by\"]" },
        { "nodeclass tag", """{"spec": {"tags": {"eks.amazonaws.com/nodeclass": "x"}}}""", "spec.tags[\"eks.amazonaws.com/nodeclass\"]" },
        { "aws: prefix in mixed case", """{"spec": {"tags": {"AwS:team": "x"}}}""", "spec.tags[\"AwS:team\"]" },
        { "empty tag key", """{"spec": {"tags": {"": "x"}}}""", "spec.tags[\"\"]" },
        { "tag key of 129", $$$$"""{"spec": {"tags": {"{{{{new string('k', 129)}}}}": "x"}}}""", $"spec.tags[\"{new string('k', 97)}...\"]" },
        { "tag value of 257", $$$$"""{"spec": {"tags": {"k": "{{{{new string('v', 257)}}}}"}}}""", "spec.tags[\"k\"]" },
        { "51 tags", "{\"spec\": {\"tags\": {" + string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"k{i}\": \"v\"")) + "}}}", "spec.tags" },
        // instances
        { "plain-word instance selection", """{"spec": {"instances": {"architectures": ["arm64", "amd64"], "capacityTypes": ["spot", "on-demand", "reserved"], "categories": ["c", "m"], "families": ["m7g"], "excludeFamilies": ["t3"], "sizes": ["large"], "generation": {"min": 6}, "cpu": {"min": 2, "max": 16}, "memoryMiB": {"max": 65536}, "gpu": {"names": ["a10g"], "manufacturers": ["nvidia"], "count": {"min": 1}, "memoryMiB": {"min": 16384}}, "zones": ["eu-west-1a"]}}}""", null },
        { "unknown architecture", """{"spec": {"instances": {"architectures": ["x86"]}}}""", "spec.instances.architectures[0]" },
        { "duplicate architecture", """{"spec": {"instances": {"architectures": ["arm64", "arm64"]}}}""", "spec.instances.architectures[1]" },
        { "unknown capacity type", """{"spec": {"instances": {"capacityTypes": ["ondemand"]}}}""", "spec.instances.capacityTypes[0]" },
        { "uppercase category", """{"spec": {"instances": {"categories": ["C"]}}}""", "spec.instances.categories[0]" },
        { "family with a dot", """{"spec": {"instances": {"families": ["m7g.large"]}}}""", "spec.instances.families[0]" },
        { "excluded family uppercase", """{"spec": {"instances": {"excludeFamilies": ["T3"]}}}""", "spec.instances.excludeFamilies[0]" },
        { "size with a space", """{"spec": {"instances": {"sizes": ["x large"]}}}""", "spec.instances.sizes[0]" },
        { "zone uppercase", """{"spec": {"instances": {"zones": ["EU-WEST-1A"]}}}""", "spec.instances.zones[0]" },
        { "gpu name uppercase", """{"spec": {"instances": {"gpu": {"names": ["A10G"]}}}}""", "spec.instances.gpu.names[0]" },
        { "gpu manufacturer with a space", """{"spec": {"instances": {"gpu": {"manufacturers": ["n vidia"]}}}}""", "spec.instances.gpu.manufacturers[0]" },
        { "range min above max", """{"spec": {"instances": {"cpu": {"min": 8, "max": 4}}}}""", "spec.instances.cpu.min" },
        { "range min of 0", """{"spec": {"instances": {"generation": {"min": 0}}}}""", "spec.instances.generation.min" },
        { "empty range", """{"spec": {"instances": {"memoryMiB": {}}}}""", "spec.instances.memoryMiB" },
        { "negative gpu count max", """{"spec": {"instances": {"gpu": {"count": {"max": -1}}}}}""", "spec.instances.gpu.count.max" },
        { "gpu memory range reversed", """{"spec": {"instances": {"gpu": {"memoryMiB": {"min": 10, "max": 5}}}}}""", "spec.instances.gpu.memoryMiB.min" },
        // requirements
        { "requirement on an Auto Mode label", """{"spec": {"instances": {"requirements": [{"key": "eks.amazonaws.com/instance-hypervisor", "operator": "In", "values": ["nitro"], "minValues": 1}]}}}""", null },
        { "requirement on an own label", """{"spec": {"instances": {"requirements": [{"key": "example.com/team", "operator": "Exists"}]}}}""", null },
        { "requirement on instance-type", """{"spec": {"instances": {"requirements": [{"key": "node.kubernetes.io/instance-type", "operator": "NotIn", "values": ["m5.large"]}]}}}""", null },
        { "requirement os linux", """{"spec": {"instances": {"requirements": [{"key": "kubernetes.io/os", "operator": "In", "values": ["linux"]}]}}}""", null },
        { "requirement os windows", """{"spec": {"instances": {"requirements": [{"key": "kubernetes.io/os", "operator": "In", "values": ["windows"]}]}}}""", "spec.instances.requirements[0].values" },
        { "requirement windows-build", """{"spec": {"instances": {"requirements": [{"key": "node.kubernetes.io/windows-build", "operator": "Exists"}]}}}""", "spec.instances.requirements[0].key" },
        { "requirement karpenter.k8s.aws", """{"spec": {"instances": {"requirements": [{"key": "karpenter.k8s.aws/instance-family", "operator": "In", "values": ["m7g"]}]}}}""", "spec.instances.requirements[0].key" },
        { "requirement unknown eks.amazonaws.com key", """{"spec": {"instances": {"requirements": [{"key": "eks.amazonaws.com/instance-color", "operator": "Exists"}]}}}""", "spec.instances.requirements[0].key" },
        { "requirement hostname", """{"spec": {"instances": {"requirements": [{"key": "kubernetes.io/hostname", "operator": "Exists"}]}}}""", "spec.instances.requirements[0].key" },
        { "requirement k8s.io domain", """{"spec": {"instances": {"requirements": [{"key": "x.k8s.io/a", "operator": "Exists"}]}}}""", "spec.instances.requirements[0].key" },
        { "requirement kops.k8s.io domain", """{"spec": {"instances": {"requirements": [{"key": "kops.k8s.io/instancegroup", "operator": "Exists"}]}}}""", null },
        { "requirement karpenter.sh/nodepool", """{"spec": {"instances": {"requirements": [{"key": "karpenter.sh/nodepool", "operator": "Exists"}]}}}""", "spec.instances.requirements[0].key" },
        { "requirement capacity-type", """{"spec": {"instances": {"requirements": [{"key": "karpenter.sh/capacity-type", "operator": "In", "values": ["spot"]}]}}}""", null },
        { "requirement automode.io domain", """{"spec": {"instances": {"requirements": [{"key": "automode.io/workload-class", "operator": "Exists"}]}}}""", "spec.instances.requirements[0].key" },
        { "requirement node-restriction domain", """{"spec": {"instances": {"requirements": [{"key": "example.node-restriction.kubernetes.io/a", "operator": "Exists"}]}}}""", null },
        { "requirement key syntax", """{"spec": {"instances": {"requirements": [{"key": "bad key", "operator": "Exists"}]}}}""", "spec.instances.requirements[0].key" },
        { "requirement key missing", """{"spec": {"instances": {"requirements": [{"operator": "Exists"}]}}}""", "spec.instances.requirements[0].key" },
        { "requirement operator Gte", """{"spec": {"instances": {"requirements": [{"key": "example.com/a", "operator": "Gte", "values": ["1"]}]}}}""", "spec.instances.requirements[0].operator" },
        { "requirement operator missing", """{"spec": {"instances": {"requirements": [{"key": "example.com/a"}]}}}""", "spec.instances.requirements[0].operator" },
        { "In without values", """{"spec": {"instances": {"requirements": [{"key": "example.com/a", "operator": "In"}]}}}""", "spec.instances.requirements[0].values" },
        { "NotIn with empty values", """{"spec": {"instances": {"requirements": [{"key": "example.com/a", "operator": "NotIn", "values": []}]}}}""", "spec.instances.requirements[0].values" },
        { "Exists with values", """{"spec": {"instances": {"requirements": [{"key": "example.com/a", "operator": "Exists", "values": ["x"]}]}}}""", "spec.instances.requirements[0].values" },
        { "Gt with one integer", """{"spec": {"instances": {"requirements": [{"key": "eks.amazonaws.com/instance-cpu", "operator": "Gt", "values": ["3"]}]}}}""", null },
        { "Gt with a word", """{"spec": {"instances": {"requirements": [{"key": "eks.amazonaws.com/instance-cpu", "operator": "Gt", "values": ["four"]}]}}}""", "spec.instances.requirements[0].values" },
        { "Lt with two values", """{"spec": {"instances": {"requirements": [{"key": "eks.amazonaws.com/instance-cpu", "operator": "Lt", "values": ["1", "2"]}]}}}""", "spec.instances.requirements[0].values" },
        { "minValues above values", """{"spec": {"instances": {"requirements": [{"key": "example.com/a", "operator": "In", "values": ["x"], "minValues": 2}]}}}""", "spec.instances.requirements[0].minValues" },
        { "minValues with NotIn", """{"spec": {"instances": {"requirements": [{"key": "example.com/a", "operator": "NotIn", "values": ["x"], "minValues": 1}]}}}""", "spec.instances.requirements[0].minValues" },
        { "requirement value too long", $$$$"""{"spec": {"instances": {"requirements": [{"key": "example.com/a", "operator": "In", "values": ["{{{{new string('v', 64)}}}}"]}]}}}""", "spec.instances.requirements[0].values[0]" },
        // node labels
        { "own node labels", """{"spec": {"nodeLabels": {"example.com/team": "payments", "tier": "web"}}}""", null },
        { "node label in kubernetes.io", """{"spec": {"nodeLabels": {"kubernetes.io/arch": "arm64"}}}""", "spec.nodeLabels[\"kubernetes.io/arch\"]" },
        { "node label in node-restriction.kubernetes.io", """{"spec": {"nodeLabels": {"node-restriction.kubernetes.io/team": "a"}}}""", null },
        { "node label in k8s.io", """{"spec": {"nodeLabels": {"k8s.io/a": "b"}}}""", "spec.nodeLabels[\"k8s.io/a\"]" },
        { "node label in karpenter.sh", """{"spec": {"nodeLabels": {"karpenter.sh/capacity-type": "spot"}}}""", "spec.nodeLabels[\"karpenter.sh/capacity-type\"]" },
        { "node label in karpenter.k8s.aws", """{"spec": {"nodeLabels": {"karpenter.k8s.aws/x": "y"}}}""", "spec.nodeLabels[\"karpenter.k8s.aws/x\"]" },
        { "node label in eks.amazonaws.com", """{"spec": {"nodeLabels": {"eks.amazonaws.com/instance-family": "m7g"}}}""", "spec.nodeLabels[\"eks.amazonaws.com/instance-family\"]" },
        { "node label in automode.io", """{"spec": {"nodeLabels": {"automode.io/workload-class": "x"}}}""", "spec.nodeLabels[\"automode.io/workload-class\"]" },
        { "node label key syntax", """{"spec": {"nodeLabels": {"-bad": "x"}}}""", "spec.nodeLabels[\"-bad\"]" },
        { "node label value of 64", $$$$"""{"spec": {"nodeLabels": {"a": "{{{{new string('v', 64)}}}}"}}}""", "spec.nodeLabels[\"a\"]" },
        { "101 node labels", "{\"spec\": {\"nodeLabels\": {" + string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"k{i}\": \"v\"")) + "}}}", "spec.nodeLabels" },
        // taints
        { "taints and startup taints", """{"spec": {"dedicated": true, "taints": [{"key": "example.com/a", "value": "b", "effect": "NoSchedule"}], "startupTaints": [{"key": "example.com/init", "effect": "NoExecute"}]}}""", null },
        { "taint effect unknown", """{"spec": {"taints": [{"key": "a", "effect": "NoRun"}]}}""", "spec.taints[0].effect" },
        { "taint effect missing", """{"spec": {"taints": [{"key": "a"}]}}""", "spec.taints[0].effect" },
        { "taint key missing", """{"spec": {"taints": [{"effect": "NoSchedule"}]}}""", "spec.taints[0].key" },
        { "taint key reserved for dedicated", """{"spec": {"taints": [{"key": "automode.io/workload-class", "effect": "NoSchedule"}]}}""", "spec.taints[0].key" },
        { "startup taint value too long", $$$$"""{"spec": {"startupTaints": [{"key": "a", "value": "{{{{new string('v', 64)}}}}", "effect": "NoSchedule"}]}}""", "spec.startupTaints[0].value" },
        { "duplicate taint", """{"spec": {"taints": [{"key": "a", "effect": "NoSchedule"}, {"key": "a", "effect": "NoSchedule"}]}}""", "spec.taints[1]" },
        // limits and weight
        { "limits as numbers and strings", """{"spec": {"limits": {"cpu": 100, "memory": "400Gi", "nvidia.com/gpu": "8"}}}""", null },
        { "limit that is not a quantity", """{"spec": {"limits": {"cpu": "lots"}}}""", "spec.limits[\"cpu\"]" },
        { "negative limit", """{"spec": {"limits": {"cpu": -1}}}""", "spec.limits[\"cpu\"]" },
        { "weight 100", """{"spec": {"weight": 100}}""", null },
        { "weight 0", """{"spec": {"weight": 0}}""", "spec.weight" },
        { "weight 101", """{"spec": {"weight": 101}}""", "spec.weight" },
        // lifecycle
        { "lifecycle 480h + 24h", """{"spec": {"lifecycle": {"expireAfter": "480h", "terminationGracePeriod": "24h"}}}""", null },
        { "expireAfter Never", """{"spec": {"lifecycle": {"expireAfter": "Never"}}}""", "spec.lifecycle.expireAfter" },
        { "expireAfter 720h with default grace", """{"spec": {"lifecycle": {"expireAfter": "720h"}}}""", "spec.lifecycle.expireAfter" },
        { "expireAfter 481h with default grace", """{"spec": {"lifecycle": {"expireAfter": "481h"}}}""", "spec.lifecycle.expireAfter" },
        { "grace pushes default expireAfter over", """{"spec": {"lifecycle": {"terminationGracePeriod": "169h"}}}""", "spec.lifecycle.expireAfter" },
        { "expireAfter in days", """{"spec": {"lifecycle": {"expireAfter": "14d"}}}""", "spec.lifecycle.expireAfter" },
        { "grace with fractions", """{"spec": {"lifecycle": {"terminationGracePeriod": "1.5h"}}}""", "spec.lifecycle.terminationGracePeriod" },
        { "grace Never", """{"spec": {"lifecycle": {"terminationGracePeriod": "Never"}}}""", "spec.lifecycle.terminationGracePeriod" },
        // disruption
        { "disruption with budgets", """{"spec": {"disruption": {"consolidationPolicy": "Balanced", "consolidateAfter": "Never", "budgets": [{"nodes": "0", "schedule": "0 9 * * 1-5", "duration": "9h", "timeZone": "Europe/Berlin", "reasons": ["Drifted", "Underutilized"]}, {"nodes": "10%"}]}}}""", null },
        { "consolidation policy unknown", """{"spec": {"disruption": {"consolidationPolicy": "Always"}}}""", "spec.disruption.consolidationPolicy" },
        { "consolidateAfter in days", """{"spec": {"disruption": {"consolidateAfter": "1d"}}}""", "spec.disruption.consolidateAfter" },
        { "budget nodes missing", """{"spec": {"disruption": {"budgets": [{"reasons": ["Empty"]}]}}}""", "spec.disruption.budgets[0].nodes" },
        { "budget nodes 101%", """{"spec": {"disruption": {"budgets": [{"nodes": "101%"}]}}}""", "spec.disruption.budgets[0].nodes" },
        { "budget schedule without duration", """{"spec": {"disruption": {"budgets": [{"nodes": "0", "schedule": "0 9 * * 1-5"}]}}}""", "spec.disruption.budgets[0].duration" },
        { "budget duration without schedule", """{"spec": {"disruption": {"budgets": [{"nodes": "0", "duration": "9h"}]}}}""", "spec.disruption.budgets[0].schedule" },
        { "budget time zone without schedule", """{"spec": {"disruption": {"budgets": [{"nodes": "0", "timeZone": "UTC"}]}}}""", "spec.disruption.budgets[0].timeZone" },
        { "budget duration in seconds", """{"spec": {"disruption": {"budgets": [{"nodes": "0", "schedule": "0 9 * * *", "duration": "30s"}]}}}""", "spec.disruption.budgets[0].duration" },
        { "budget cron with a bad hour", """{"spec": {"disruption": {"budgets": [{"nodes": "0", "schedule": "0 25 * * *", "duration": "1h"}]}}}""", "spec.disruption.budgets[0].schedule" },
        { "budget cron macro", """{"spec": {"disruption": {"budgets": [{"nodes": "0", "schedule": "@daily", "duration": "1h"}]}}}""", "spec.disruption.budgets[0].schedule" },
        { "budget time zone abbreviation", """{"spec": {"disruption": {"budgets": [{"nodes": "0", "schedule": "0 9 * * *", "duration": "1h", "timeZone": "PST"}]}}}""", "spec.disruption.budgets[0].timeZone" },
        { "budget reason unknown", """{"spec": {"disruption": {"budgets": [{"nodes": "1", "reasons": ["Expired"]}]}}}""", "spec.disruption.budgets[0].reasons[0]" },
        // off-hours
        { "off-hours with everything", """{"spec": {"offHours": {"timeZone": "America/New_York", "windows": [{"start": "0 20 * * 1-5", "end": "0 7 * * 1-5"}], "holidays": ["2026-12-25"], "gracePeriod": "1h", "suspend": false, "drain": {"enabled": true, "maxUnavailable": "25%", "blockedAfter": "30m", "protectedNamespaces": ["kube-system"]}}}}""", null },
        { "off-hours holidays only", """{"spec": {"offHours": {"holidays": ["2026-12-25"]}}}""", null },
        { "off-hours with nothing to do", """{"spec": {"offHours": {"timeZone": "UTC"}}}""", "spec.offHours.windows" },
        { "off-hours Windows time zone id", """{"spec": {"offHours": {"timeZone": "Pacific Standard Time", "holidays": ["2026-12-25"]}}}""", "spec.offHours.timeZone" },
        { "off-hours unknown zone", """{"spec": {"offHours": {"timeZone": "Mars/Olympus", "holidays": ["2026-12-25"]}}}""", "spec.offHours.timeZone" },
        { "window start missing", """{"spec": {"offHours": {"windows": [{"end": "0 7 * * *"}]}}}""", "spec.offHours.windows[0].start" },
        { "window end invalid", """{"spec": {"offHours": {"windows": [{"start": "0 20 * * *", "end": "0 7 * 13 *"}]}}}""", "spec.offHours.windows[0].end" },
        { "window start equals end", """{"spec": {"offHours": {"windows": [{"start": "0 20 * * *", "end": "0 20 * * *"}]}}}""", "spec.offHours.windows[0].end" },
        { "holiday in another format", """{"spec": {"offHours": {"holidays": ["25.12.2026"]}}}""", "spec.offHours.holidays[0]" },
        { "holiday that does not exist", """{"spec": {"offHours": {"holidays": ["2026-02-30"]}}}""", "spec.offHours.holidays[0]" },
        { "duplicate holiday", """{"spec": {"offHours": {"holidays": ["2026-12-25", "2026-12-25"]}}}""", "spec.offHours.holidays[1]" },
        { "grace period in days", """{"spec": {"offHours": {"holidays": ["2026-12-25"], "gracePeriod": "1d"}}}""", "spec.offHours.gracePeriod" },
        { "maxUnavailable 0", """{"spec": {"offHours": {"holidays": ["2026-12-25"], "drain": {"maxUnavailable": 0}}}}""", "spec.offHours.drain.maxUnavailable" },
        { "maxUnavailable 101%", """{"spec": {"offHours": {"holidays": ["2026-12-25"], "drain": {"maxUnavailable": "101%"}}}}""", "spec.offHours.drain.maxUnavailable" },
        { "blockedAfter garbage", """{"spec": {"offHours": {"holidays": ["2026-12-25"], "drain": {"blockedAfter": "soon"}}}}""", "spec.offHours.drain.blockedAfter" },
        { "protected namespace uppercase", """{"spec": {"offHours": {"holidays": ["2026-12-25"], "drain": {"protectedNamespaces": ["Prod"]}}}}""", "spec.offHours.drain.protectedNamespaces[0]" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Validate_Rule_ReportsExactlyTheExpectedPath(string reason, string patch, string? expectedPath)
    {
        var errors = WorkloadClassValidator.Validate(Samples.FromJson(Patched(patch)));

        if (expectedPath is null)
        {
            Assert.True(errors.Count == 0, $"{reason}: unexpected [{string.Join("; ", errors)}]");
        }
        else
        {
            Assert.True(errors.Count > 0 && errors.All(e => e.Path == expectedPath), $"{reason}: expected errors only at {expectedPath}, got [{string.Join("; ", errors)}]");
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Validate_PassingRule_AlsoPassesTheCrdSchema(string reason, string patch, string? expectedPath)
    {
        if (expectedPath is not null)
        {
            return;
        }

        var errors = OpenApiSchemaValidator.Validate(Crd.CrdSchemaTests.Schema, Patched(patch));

        Assert.True(errors.Count == 0, $"{reason}: the CRD schema disagrees: [{string.Join("; ", errors)}]");
    }

    [Fact]
    public void Validate_ExpireAfterNever_MessageNamesValueAndFix()
    {
        var error = Assert.Single(WorkloadClassValidator.Validate(Samples.FromJson(Patched("""{"spec": {"lifecycle": {"expireAfter": "Never"}}}"""))));

        Assert.Equal("spec.lifecycle.expireAfter: \"Never\" is not allowed on EKS Auto Mode; use a duration of at most 504h minus terminationGracePeriod", error.ToString());
    }

    [Fact]
    public void Validate_Overflow_MessageSaysHowShortExpireAfterMustBe()
    {
        var error = Assert.Single(WorkloadClassValidator.Validate(Samples.FromJson(Patched("""{"spec": {"lifecycle": {"expireAfter": "720h", "terminationGracePeriod": "48h"}}}"""))));

        Assert.Contains("\"720h\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 456h", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralMistakes_ReportsEveryOneInFieldOrder()
    {
        var errors = WorkloadClassValidator.Validate(Samples.FromJson(Patched("""{"metadata": {"name": "system"}, "spec": {"nodeRole": null, "weight": 0, "lifecycle": {"expireAfter": "Never"}}}""")));

        Assert.Equal(["metadata.name", "spec.nodeRole", "spec.weight", "spec.lifecycle.expireAfter"], errors.Select(e => e.Path));
    }

    internal static JsonNode Patched(string patch) => MergePatch(JsonNode.Parse(Base)!, JsonNode.Parse(patch));

    private static JsonNode MergePatch(JsonNode target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject || target is not JsonObject targetObject)
        {
            return patch?.DeepClone() ?? target;
        }

        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                targetObject.Remove(key);
            }
            else if (targetObject[key] is JsonObject existing && value is JsonObject)
            {
                MergePatch(existing, value);
            }
            else
            {
                targetObject[key] = value.DeepClone();
            }
        }

        return targetObject;
    }
}
