using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace AutoMode.Testing.Aws;

/// <summary>IAM Query protocol half of the fake.</summary>
public sealed partial class FakeAwsServer
{
    private const int InlinePolicyAggregateLimit = 10_240;
    private static readonly XNamespace Iam = IamNamespace;

    private static Call ParseIamCall(string body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var i = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((i < 0 ? pair : pair[..i]).Replace('+', ' '));
            var value = i < 0 ? string.Empty : Uri.UnescapeDataString(pair[(i + 1)..].Replace('+', ' '));
            parameters[name] = value;
        }

        return new Call("iam", parameters.GetValueOrDefault("Action") ?? "Unknown", parameters,
            parameters.GetValueOrDefault("RoleName"), parameters.GetValueOrDefault("PolicyName"), null, null, body);
    }

    private Reply ExecuteIam(Call call)
    {
        if (call.Parameters.GetValueOrDefault("Version") != "2010-05-08")
        {
            return IamError(HttpStatusCode.BadRequest, "InvalidParameterValue", "Version must be 2010-05-08.");
        }

        if (call.Operation is "GetRole" or "GetRolePolicy" or "PutRolePolicy" or "DeleteRolePolicy" && string.IsNullOrEmpty(call.RoleName))
        {
            return IamError(HttpStatusCode.BadRequest, "ValidationError", "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null");
        }

        var role = call.RoleName is null ? null : roles.GetValueOrDefault(call.RoleName);
        if (call.Operation is "GetRole" or "GetRolePolicy" or "PutRolePolicy" or "DeleteRolePolicy" && role is null)
        {
            return IamError(HttpStatusCode.NotFound, "NoSuchEntity", $"The role with name {call.RoleName} cannot be found.");
        }

        switch (call.Operation)
        {
            case "GetRole":
                return IamOk("GetRole", new XElement(Iam + "Role",
                    new XElement(Iam + "Path", role!.Path),
                    new XElement(Iam + "RoleName", role.Name),
                    new XElement(Iam + "RoleId", role.RoleId),
                    new XElement(Iam + "Arn", role.Arn),
                    new XElement(Iam + "CreateDate", "2024-12-01T00:00:00Z"),
                    new XElement(Iam + "AssumeRolePolicyDocument", Uri.EscapeDataString(role.TrustPolicy)),
                    new XElement(Iam + "MaxSessionDuration", 3600)));

            case "GetRolePolicy":
                if (!role!.Policies.TryGetValue(PolicyNameOf(call), out var document))
                {
                    return IamError(HttpStatusCode.NotFound, "NoSuchEntity", $"The role policy with name {call.PolicyName} cannot be found.");
                }

                return IamOk("GetRolePolicy",
                    new XElement(Iam + "RoleName", role.Name),
                    new XElement(Iam + "PolicyName", call.PolicyName),
                    new XElement(Iam + "PolicyDocument", Uri.EscapeDataString(document)));

            case "PutRolePolicy":
                return PutRolePolicy(role!, call);

            case "DeleteRolePolicy":
                return role!.Policies.Remove(PolicyNameOf(call))
                    ? IamOk("DeleteRolePolicy")
                    : IamError(HttpStatusCode.NotFound, "NoSuchEntity", $"The role policy with name {call.PolicyName} cannot be found.");

            case "ListRolePolicies":
                return IamOk("ListRolePolicies",
                    new XElement(Iam + "PolicyNames", role!.Policies.Keys.Order(StringComparer.Ordinal).Select(n => new XElement(Iam + "member", n))),
                    new XElement(Iam + "IsTruncated", "false"));

            default:
                return IamError(HttpStatusCode.BadRequest, "InvalidAction", $"Could not find operation {call.Operation} for version 2010-05-08");
        }
    }

    private Reply PutRolePolicy(Role role, Call call)
    {
        var policyName = PolicyNameOf(call);
        var document = call.Parameters.GetValueOrDefault("PolicyDocument") ?? string.Empty;
        if (policyName.Length is 0 or > 128 || policyName.Any(c => char.IsWhiteSpace(c) || c is '\\' or '/' or '*' or '?'))
        {
            return IamError(HttpStatusCode.BadRequest, "ValidationError", "The specified value for policyName is invalid.");
        }

        try
        {
            using var parsed = JsonDocument.Parse(document);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object || !parsed.RootElement.TryGetProperty("Statement", out _))
            {
                return IamError(HttpStatusCode.BadRequest, "MalformedPolicyDocument", "Syntax errors in policy.");
            }
        }
        catch (JsonException)
        {
            return IamError(HttpStatusCode.BadRequest, "MalformedPolicyDocument", "Syntax errors in policy.");
        }

        // IAM counts the aggregate of all inline policies of the role, ignoring whitespace.
        var aggregate = role.Policies.Where(p => p.Key != policyName).Sum(p => NonWhitespace(p.Value)) + NonWhitespace(document);
        if (aggregate > InlinePolicyAggregateLimit)
        {
            return IamError(HttpStatusCode.Conflict, "LimitExceeded", $"Maximum policy size of {InlinePolicyAggregateLimit} bytes exceeded for role {role.Name}");
        }

        role.Policies[policyName] = document;
        return IamOk("PutRolePolicy");
    }

    private Reply IamFault(FakeAwsFault fault, Call call) => fault switch
    {
        FakeAwsFault.Throttling => IamError(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded"),
        FakeAwsFault.AccessDenied => IamError(HttpStatusCode.Forbidden, "AccessDenied",
            $"User: {Options.CallerArn} is not authorized to perform: iam:{call.Operation} on resource: role {call.RoleName} because no identity-based policy allows the iam:{call.Operation} action"),
        FakeAwsFault.InternalError => IamError(HttpStatusCode.InternalServerError, "ServiceFailure", "Request processing has failed due to some unknown error, exception or failure.", "Receiver"),
        FakeAwsFault.ServiceUnavailable => IamError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "Service is unavailable.", "Receiver"),
        FakeAwsFault.MalformedPolicyDocument => IamError(HttpStatusCode.BadRequest, "MalformedPolicyDocument", "Syntax errors in policy."),
        FakeAwsFault.LimitExceeded => IamError(HttpStatusCode.Conflict, "LimitExceeded", "Maximum policy size of 10240 bytes exceeded"),
        FakeAwsFault.ConnectionDrop => new Reply(0, string.Empty, "ConnectionDrop", Drop: true),
        FakeAwsFault.BareNotFound => BareNotFound(),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    private static Reply IamOk(string action, params object[] resultContent)
    {
        var response = new XElement(Iam + (action + "Response"));
        if (resultContent.Length > 0)
        {
            response.Add(new XElement(Iam + (action + "Result"), resultContent));
        }

        response.Add(new XElement(Iam + "ResponseMetadata", new XElement(Iam + "RequestId", "{RequestId}")));
        return new Reply(200, response.ToString(SaveOptions.DisableFormatting), null);
    }

    private static Reply IamError(HttpStatusCode status, string code, string message, string type = "Sender")
    {
        var body = new XElement(Iam + "ErrorResponse",
            new XElement(Iam + "Error",
                new XElement(Iam + "Type", type),
                new XElement(Iam + "Code", code),
                new XElement(Iam + "Message", message)),
            new XElement(Iam + "RequestId", "{RequestId}"));
        return new Reply((int)status, body.ToString(SaveOptions.DisableFormatting), code);
    }

    private static string PolicyNameOf(Call call) => call.PolicyName ?? string.Empty;

    private static int NonWhitespace(string text) => text.Count(c => !char.IsWhiteSpace(c));
}
