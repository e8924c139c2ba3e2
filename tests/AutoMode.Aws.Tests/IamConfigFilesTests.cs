using System.Reflection;
using System.Text.Json;

namespace AutoMode.Aws.Tests;

/// <summary>The shipped IAM documents stay least-privilege and parse as JSON.</summary>
public class IamConfigFilesTests
{
    private static readonly string Dir = Path.Combine(
        typeof(IamConfigFilesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!,
        "config", "iam");

    [Fact]
    public void OperatorPolicy_GrantsOnlyTheListedActions_OnScopedResources()
    {
        var statements = Statements("operator-policy.json");

        Assert.Equal(
            ["eks:DescribeAccessEntry", "eks:DescribeCluster", "eks:ListAssociatedAccessPolicies", "iam:DeleteRolePolicy", "iam:GetRole", "iam:GetRolePolicy", "iam:PutRolePolicy"],
            statements.SelectMany(s => Strings(s, "Action")).Order(StringComparer.Ordinal));
        Assert.All(statements, s => Assert.Equal("Allow", s.GetProperty("Effect").GetString()));
        Assert.All(statements.SelectMany(s => Strings(s, "Resource")), r => Assert.DoesNotContain("*:", r, StringComparison.Ordinal));
        var iam = statements.Single(s => Strings(s, "Action").Contains("iam:PutRolePolicy"));
        Assert.Equal(["arn:<PARTITION>:iam::<ACCOUNT_ID>:role/<CLUSTER_ROLE_NAME>"], Strings(iam, "Resource"));
    }

    [Fact]
    public void AccessEntryPolicy_IsRestrictedToEc2EntriesAndTheAutoNodePolicy()
    {
        var text = File.ReadAllText(Path.Combine(Dir, "operator-policy-access-entries.json"));
        var statements = Statements("operator-policy-access-entries.json");

        Assert.Equal(["eks:AssociateAccessPolicy", "eks:CreateAccessEntry"], statements.SelectMany(s => Strings(s, "Action")).Order(StringComparer.Ordinal));
        Assert.Contains("\"eks:accessEntryType\": \"EC2\"", text, StringComparison.Ordinal);
        Assert.Contains("cluster-access-policy/AmazonEKSAutoNodePolicy", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustPolicies_NameTheServiceAccountAndPodIdentityActions()
    {
        var irsa = Statements("trust-irsa.json").Single();
        var podIdentity = Statements("trust-pod-identity.json").Single();

        Assert.Equal(["sts:AssumeRoleWithWebIdentity"], Strings(irsa, "Action"));
        var equals = irsa.GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal("system:serviceaccount:automode-system:automode-operator", equals.GetProperty("<OIDC_PROVIDER>:sub").GetString());
        Assert.Equal("sts.amazonaws.com", equals.GetProperty("<OIDC_PROVIDER>:aud").GetString());
        Assert.Equal("pods.eks.amazonaws.com", podIdentity.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal(["sts:AssumeRole", "sts:TagSession"], Strings(podIdentity, "Action"));
    }

    private static List<JsonElement> Statements(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, file)));
        return [.. doc.RootElement.GetProperty("Statement").EnumerateArray().Select(e => e.Clone())];
    }

    private static List<string> Strings(JsonElement statement, string name)
    {
        var value = statement.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)] : [value.GetString()!];
    }
}
