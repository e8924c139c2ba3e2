namespace AutoMode.Aws;

/// <summary>
/// The only EKS calls the operator makes. Implemented over rest-json today (<see cref="EksRestJsonClient"/>); an
/// AWSSDK.EKS-backed implementation can replace it without touching callers. Retries happen inside.
/// </summary>
public interface IEksApi
{
    /// <exception cref="AwsServiceException">NotFound: No such cluster.</exception>
    Task<EksCluster> DescribeClusterAsync(string clusterName, CancellationToken cancellationToken);

    /// <summary>The access entry of <paramref name="principalArn"/>, or null when there is none.</summary>
    Task<EksAccessEntry?> DescribeAccessEntryAsync(string clusterName, string principalArn, CancellationToken cancellationToken);

    /// <summary>All access policies associated with the entry (every page).</summary>
    /// <exception cref="AwsServiceException">NotFound: No access entry (or cluster).</exception>
    Task<IReadOnlyList<EksAssociatedAccessPolicy>> ListAssociatedAccessPoliciesAsync(string clusterName, string principalArn, CancellationToken cancellationToken);

    /// <summary>Creates an access entry; <paramref name="type"/> is <c>EC2</c> for Auto Mode custom node roles.</summary>
    Task<EksAccessEntry> CreateAccessEntryAsync(string clusterName, string principalArn, string type, CancellationToken cancellationToken);

    Task AssociateAccessPolicyAsync(string clusterName, string principalArn, string policyArn, EksAccessScope scope, CancellationToken cancellationToken);
}
