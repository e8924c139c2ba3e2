namespace AutoMode.Core.Scheduling;

/// <summary>Why a NodeClaim is not drained. Stable values: they appear in events and status messages.</summary>
public static class DrainSkipReasons
{
    /// <summary>The operator runs on this node and no other replica is ready to take over.</summary>
    public const string SelfProtection = "SelfProtection";

    /// <summary>The node runs pods from a protected namespace.</summary>
    public const string ProtectedNamespace = "ProtectedNamespace";
}
