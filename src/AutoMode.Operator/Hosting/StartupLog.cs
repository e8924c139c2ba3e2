namespace AutoMode.Operator.Hosting;

/// <summary>
/// The first lines of `run`: which build, which API server, who this replica is, which Lease it campaigns for and
/// what it will do in AWS. Without them a log cannot tell which version or cluster it came from, and a replica that
/// never becomes leader cannot be matched to its Lease.
/// </summary>
internal static class StartupLog
{
    /// <param name="logger">Where the lines go.</param>
    /// <param name="options">The run options.</param>
    /// <param name="apiServer">The API server the main client talks to.</param>
    /// <param name="version">The build's version (<see cref="BuildInfo.Version"/>).</param>
    /// <param name="revision">The build's commit (<see cref="BuildInfo.Revision"/>).</param>
    public static void Write(ILogger logger, RunOptions options, Uri? apiServer, string version, string revision)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        logger.LogInformation("automode-operator {Version} (commit {Revision}) starting (log level {LogLevel})", version, revision, options.LogLevel);
        logger.LogInformation("API server {ApiServer}", Redacted(apiServer));
        logger.LogInformation("Identity {PodName} on node {NodeName}", options.PodName, options.NodeName ?? "<unknown: NODE_NAME not set>");
        if (options.LeaderElect)
        {
            logger.LogInformation("Leader election on Lease {LeaseNamespace}/{LeaseName}", options.LeaderElectionNamespace, options.LeaderElectionId);
        }
        else
        {
            logger.LogInformation("Leader election off: this replica runs the controllers without a Lease");
        }

        if (options.ClusterName.Length == 0)
        {
            logger.LogInformation("AWS off (no --cluster-name): the IAM tag-propagation policy and the access entries are neither managed nor checked");
            return;
        }

        logger.LogInformation(
            "AWS cluster {ClusterName} in region {Region}; IAM mode {IamMode} for inline policy {PolicyName} on role {ClusterRole}; access entries {AccessEntries}",
            options.ClusterName,
            options.Region ?? "<from the AWS environment>",
            options.ManageIam ? "manage" : "verify-only",
            options.TagPolicyName,
            options.ClusterRoleName ?? "<the cluster's roleArn>",
            options.CreateAccessEntries ? "create-missing" : "check-only");
    }

    /// <summary>The URL without user information (a kubeconfig may carry a password in it).</summary>
    private static string Redacted(Uri? url) =>
        url is null ? "<unknown>" : url.UserInfo.Length == 0 ? url.ToString() : new UriBuilder(url) { UserName = "", Password = "" }.Uri.ToString();
}
