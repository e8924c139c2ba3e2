namespace AutoMode.Operator.Controllers.AccessEntries;

/// <summary>How the operator checks (and optionally creates) EKS access entries for custom node roles.</summary>
internal sealed record AccessEntrySettings
{
    /// <summary>EKS cluster name; empty turns the check off.</summary>
    public string ClusterName { get; init; } = "";

    /// <summary>Create a missing EC2 access entry and associate AmazonEKSAutoNodePolicy (--create-access-entries).</summary>
    public bool CreateMissing { get; init; }

    /// <summary>How long a role's result is trusted before it is checked again (the IAM resync).</summary>
    public TimeSpan Resync { get; init; } = TimeSpan.FromMinutes(5);

    public bool Enabled => ClusterName.Length > 0;

    /// <summary>A missing entry is looked at again sooner, so a fix made by hand shows up without a long wait.</summary>
    public TimeSpan MissingRecheck => Resync < TimeSpan.FromMinutes(1) ? Resync : TimeSpan.FromMinutes(1);
}
