namespace AutoMode.Aws;

/// <summary>An access policy associated with an access entry.</summary>
public sealed record EksAssociatedAccessPolicy(string PolicyArn, EksAccessScope AccessScope);
