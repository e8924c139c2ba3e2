namespace AutoMode.Aws;

/// <summary>One logical API call: what to send and, for error messages, what permission it exercises.</summary>
/// <param name="Operation">API operation name (metric tag, log field), e.g. <c>PutRolePolicy</c>.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Escaped path (and query) relative to the endpoint URL, starting with '/'.</param>
/// <param name="Body">Exact body bytes; empty for none.</param>
/// <param name="ContentType">Content type of the body; null for none.</param>
/// <param name="Action">IAM action exercised, e.g. <c>iam:PutRolePolicy</c>.</param>
/// <param name="Resource">Resource exercised (ARN or bare name).</param>
internal sealed record AwsRequest(
    string Operation,
    HttpMethod Method,
    string PathAndQuery,
    ReadOnlyMemory<byte> Body,
    string? ContentType,
    string Action,
    string Resource);
