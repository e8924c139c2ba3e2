using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>
/// spec.nodeRole or spec.instanceProfile: exactly one of them, as the NodeClass has it ("role and instanceProfile are
/// mutually exclusive fields", https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html). Changing
/// either on a live class is refused by CEL transition rules (no oldSelf here).
/// </summary>
internal static partial class NodeIdentityRules
{
    /// <summary>IAM's InstanceProfileName limit (botocore iam service-2.json: instanceProfileNameType, 1-128, [\w+=,.@-]+).</summary>
    public const int MaxInstanceProfileLength = 128;

    public static void Check(ValidationRun run, V1Alpha1WorkloadClassSpec spec)
    {
        if (spec.NodeRole is null && spec.InstanceProfile is not null)
        {
            run.Pattern("spec.instanceProfile", spec.InstanceProfile, MaxInstanceProfileLength, InstanceProfileName(),
                "an IAM instance profile name of 1-128 characters of letters, digits and _+=,.@- (e.g. eks-MyNodeInstanceProfile)");
            return;
        }

        if (spec.NodeRole is null)
        {
            run.Add("spec.nodeRole", "nodeRole is required; give the IAM role name (or ARN) the nodes use, or an instanceProfile instead");
            return;
        }

        foreach (var problem in NodeRoleName.Problems(spec.NodeRole))
        {
            run.Add("spec.nodeRole", $"{Q(spec.NodeRole)}: {problem}");
        }

        if (spec.InstanceProfile is not null)
        {
            run.Add("spec.instanceProfile", "nodeRole and instanceProfile are mutually exclusive; keep one of them");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]+\z")]
    private static partial Regex InstanceProfileName();
}
