namespace AutoMode.Aws;

/// <summary>
/// The only IAM calls the operator makes: read the cluster role, and read/write/delete ONE named inline policy on it.
/// Implemented over the IAM Query protocol today (<see cref="IamQueryClient"/>); an AWSSDK.IdentityManagement-backed
/// implementation can replace it without touching callers. Retries for transient failures happen inside.
/// </summary>
public interface IIamRolePolicyApi
{
    /// <summary>The inline policy document (URL-decoded JSON), or null when the role has no policy of that name.</summary>
    /// <exception cref="AwsServiceException">Any other failure; <see cref="AwsErrorKind.NotFound"/> is never thrown here.</exception>
    Task<string?> GetRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the inline policy.</summary>
    /// <exception cref="AwsServiceException">NotFound: The role does not exist.</exception>
    Task PutRolePolicyAsync(string roleName, string policyName, string policyDocument, CancellationToken cancellationToken);

    /// <summary>Deletes the inline policy; false when it was already absent (or the role does not exist).</summary>
    Task<bool> DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken);

    /// <exception cref="AwsServiceException">NotFound: The role does not exist.</exception>
    Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken);
}
