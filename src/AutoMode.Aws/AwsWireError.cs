namespace AutoMode.Aws;

/// <summary>The error a protocol parser read off a non-2xx response.</summary>
internal sealed record AwsWireError(string ErrorCode, string? Message, string? RequestId);
