namespace AutoMode.Core.Desired;

/// <summary>
/// The values the API server (or Auto Mode) would fill in. The renderer always writes them, because the operator
/// compares desired with observed on the fields it owns and a server-defaulted field left out would look like drift forever.
/// </summary>
public static class AutoModeDefaults
{
    public const string EphemeralStorageSize = "80Gi";
    public const long EphemeralStorageIops = 3000;
    public const long EphemeralStorageThroughput = 125;
    public const string NetworkPolicy = "DefaultAllow";
    public const string NetworkPolicyEventLogs = "Disabled";
    public const string SnatPolicy = "Random";

    public const string ExpireAfter = "336h";
    public const string TerminationGracePeriod = "24h";
    public const string ConsolidationPolicy = "WhenEmptyOrUnderutilized";
    public const string ConsolidateAfter = "0s";
    public const string BudgetNodes = "10%";

    /// <summary>Like the built-in general-purpose pool: on-demand, amd64, c/m/r of generation 5 and later.</summary>
    public static IReadOnlyList<string> CapacityTypes { get; } = ["on-demand"];

    public static IReadOnlyList<string> Architectures { get; } = ["amd64"];

    public static IReadOnlyList<string> InstanceCategories { get; } = ["c", "m", "r"];

    /// <summary>instance-generation Gt 4.</summary>
    public const long InstanceGenerationAbove = 4;

    /// <summary>Off-hours limits: nothing new can launch.</summary>
    public static IDictionary<string, string> HeldDownLimits { get; } =
        new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["cpu"] = "0", ["memory"] = "0" });
}
