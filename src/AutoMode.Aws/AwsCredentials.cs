namespace AutoMode.Aws;

/// <summary>
/// One set of AWS credentials. <see cref="ToString"/> never prints the secret or the session token, so a
/// credentials object that slips into a log line or an exception message leaks nothing.
/// </summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    public override string ToString() =>
        $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ***, SessionToken = {(SessionToken is null ? "none" : "***")} }}";
}
