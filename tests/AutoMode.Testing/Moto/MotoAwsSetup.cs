using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace AutoMode.Testing.Moto;

/// <summary>
/// Test-side calls to a <see cref="MotoServer"/> that the operator's clients do not make: create the roles and the
/// cluster a test needs, and act as "someone else" on the account (put, delete, list inline policies). moto routes a
/// request to a service by the credential scope of its Authorization header and does not verify signatures by
/// default, so these carry a scope-only header; the clients under test sign for real.
/// </summary>
public sealed class MotoAwsSetup(Uri endpoint) : IDisposable
{
    /// <summary>IAM's signing region in the aws partition (IAM is global).</summary>
    public const string IamRegion = "us-east-1";

    private readonly HttpClient http = new();

    public async Task<string> CreateRoleAsync(string roleName, string trustPolicy, string path = "/")
    {
        var xml = await IamAsync("CreateRole", ("RoleName", roleName), ("Path", path), ("AssumeRolePolicyDocument", trustPolicy));
        return Element(xml, "Arn") ?? throw new InvalidOperationException("CreateRole answered without an Arn: " + xml);
    }

    public Task PutRolePolicyAsync(string roleName, string policyName, string document) =>
        IamAsync("PutRolePolicy", ("RoleName", roleName), ("PolicyName", policyName), ("PolicyDocument", document));

    public Task DeleteRolePolicyAsync(string roleName, string policyName) =>
        IamAsync("DeleteRolePolicy", ("RoleName", roleName), ("PolicyName", policyName));

    /// <summary>The role's inline policy names, as moto lists them.</summary>
    public async Task<IReadOnlyList<string>> ListRolePoliciesAsync(string roleName)
    {
        var xml = await IamAsync("ListRolePolicies", ("RoleName", roleName));
        return XElement.Parse(xml).Descendants().Where(e => e.Name.LocalName == "member").Select(e => e.Value).ToList();
    }

    /// <summary>The stored document exactly as moto returns it on the wire (URL-encoded), or null when absent.</summary>
    public async Task<string?> GetRolePolicyWireAsync(string roleName, string policyName)
    {
        var (status, body) = await SendIamAsync("GetRolePolicy", ("RoleName", roleName), ("PolicyName", policyName));
        return status == 404 ? null : Element(Ensure(status, body, "GetRolePolicy"), "PolicyDocument");
    }

    /// <summary>An EKS cluster in <paramref name="region"/> (moto 5.2.1 stores no computeConfig); returns its ARN.</summary>
    public async Task<string> CreateClusterAsync(string name, string roleArn, string region)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = name,
            ["roleArn"] = roleArn,
            ["resourcesVpcConfig"] = new Dictionary<string, string[]> { ["subnetIds"] = ["subnet-0123456789abcdef0"] },
        });
        using var request = Request(HttpMethod.Post, "clusters", region, "eks", new StringContent(body, Encoding.UTF8, "application/json"));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Ensure((int)response.StatusCode, text, "CreateCluster");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("cluster").GetProperty("arn").GetString()!;
    }

    public void Dispose() => http.Dispose();

    private async Task<string> IamAsync(string action, params (string Name, string Value)[] parameters)
    {
        var (status, body) = await SendIamAsync(action, parameters);
        return Ensure(status, body, action);
    }

    private async Task<(int Status, string Body)> SendIamAsync(string action, params (string Name, string Value)[] parameters)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", "2010-05-08") };
        form.AddRange(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        using var request = Request(HttpMethod.Post, string.Empty, IamRegion, "iam", new FormUrlEncodedContent(form));
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string region, string service, HttpContent content)
    {
        var request = new HttpRequestMessage(method, new Uri(endpoint, path)) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=testing/20260101/{region}/{service}/aws4_request, SignedHeaders=host, Signature=0");
        return request;
    }

    private static string Ensure(int status, string body, string operation) =>
        status is >= 200 and < 300 ? body : throw new InvalidOperationException($"moto {operation} answered {status}: {body}");

    private static string? Element(string xml, string localName) =>
        XElement.Parse(xml).Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;
}
