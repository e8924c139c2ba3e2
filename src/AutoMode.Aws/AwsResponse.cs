using System.Net;

namespace AutoMode.Aws;

/// <summary>A successful (2xx) response body.</summary>
internal sealed record AwsResponse(HttpStatusCode StatusCode, string Body, string? RequestId);
