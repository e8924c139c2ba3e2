using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;

namespace AutoMode.Aws;

/// <summary>
/// <see cref="IIamRolePolicyApi"/> over the IAM Query protocol: <c>POST /</c> with a form-encoded body
/// (<c>Action=...&amp;Version=2010-05-08&amp;...</c>), SigV4-signed for <c>iam</c> in the partition's IAM signing
/// region; XML responses; policy documents in responses are URL-encoded (RFC 3986) and decoded here.
/// </summary>
public sealed class IamQueryClient : IIamRolePolicyApi
{
    public const string ApiVersion = "2010-05-08";
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private readonly AwsRequestExecutor executor;
    private string? accountId;

    public IamQueryClient(
        HttpClient httpClient,
        IAwsCredentialsSource credentials,
        AwsServiceEndpoint endpoint,
        AwsOptions options,
        TimeProvider timeProvider,
        ILogger<IamQueryClient> logger,
        AwsApiMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        accountId = options.AccountId;
        executor = new AwsRequestExecutor(httpClient, credentials, endpoint, options, timeProvider, logger,
            metrics ?? AwsSharedMetrics.Instance, ParseError);
    }

    public async Task<string?> GetRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync("GetRolePolicy", roleName,
                [("RoleName", roleName), ("PolicyName", policyName)], cancellationToken).ConfigureAwait(false);
            var result = Result(response, "GetRolePolicyResult");
            return Uri.UnescapeDataString(Child(result, "PolicyDocument") ?? string.Empty);
        }
        catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
        {
            return null;
        }
    }

    public Task PutRolePolicyAsync(string roleName, string policyName, string policyDocument, CancellationToken cancellationToken) =>
        SendAsync("PutRolePolicy", roleName,
            [("RoleName", roleName), ("PolicyName", policyName), ("PolicyDocument", policyDocument)], cancellationToken);

    public async Task<bool> DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync("DeleteRolePolicy", roleName,
                [("RoleName", roleName), ("PolicyName", policyName)], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
        {
            return false;
        }
    }

    public async Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        var response = await SendAsync("GetRole", roleName, [("RoleName", roleName)], cancellationToken).ConfigureAwait(false);
        var role = Result(response, "GetRoleResult").Elements().FirstOrDefault(e => e.Name.LocalName == "Role")
            ?? throw new FormatException("GetRole response has no Role element.");
        var arn = Child(role, "Arn") ?? throw new FormatException("GetRole response has no Arn.");
        if (AwsArn.TryParse(arn, out var parsed) && parsed.AccountId.Length > 0)
        {
            accountId = parsed.AccountId;
        }

        return new IamRole(
            arn,
            Child(role, "RoleName") ?? roleName,
            Child(role, "Path") ?? "/",
            Child(role, "RoleId"),
            Uri.UnescapeDataString(Child(role, "AssumeRolePolicyDocument") ?? string.Empty));
    }

    private async Task<XElement> SendAsync(string action, string roleName, (string Name, string Value)[] parameters, CancellationToken cancellationToken)
    {
        var form = new StringBuilder($"Action={action}&Version={ApiVersion}");
        foreach (var (name, value) in parameters)
        {
            form.Append('&').Append(name).Append('=').Append(SigV4Signer.UriEncode(value));
        }

        var resource = accountId is { Length: > 0 } account ? executor.Partition.RoleArn(account, roleName) : roleName;
        var request = new AwsRequest(action, HttpMethod.Post, "/", Encoding.UTF8.GetBytes(form.ToString()), FormContentType, "iam:" + action, resource);
        var response = await executor.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.Body.Length == 0 ? new XElement(action + "Response") : ParseXml(response.Body);
    }

    private static XElement Result(XElement response, string resultName) =>
        response.Elements().FirstOrDefault(e => e.Name.LocalName == resultName)
        ?? throw new FormatException($"IAM response has no {resultName} element.");

    private static string? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    private static XElement ParseXml(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        return XElement.Load(reader);
    }

    private static AwsWireError ParseError(HttpResponseMessage response, string body)
    {
        try
        {
            var root = ParseXml(body);
            var error = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            var code = error is null ? null : Child(error, "Code");
            var requestId = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
            return new AwsWireError(code ?? StatusCodeName(response), error is null ? null : Child(error, "Message"), requestId);
        }
        catch (XmlException)
        {
            // Proxies and load balancers answer with HTML or nothing: classify by the status code alone.
            return new AwsWireError(StatusCodeName(response), null, null);
        }
    }

    private static string StatusCodeName(HttpResponseMessage response) => AwsErrorClassifier.StatusOnlyCode(response.StatusCode);
}
