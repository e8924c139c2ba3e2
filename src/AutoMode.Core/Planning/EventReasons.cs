namespace AutoMode.Core.Planning;

/// <summary>Event reasons on WorkloadClasses (CamelCase, stable).</summary>
public static class EventReasons
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Pruned = "Pruned";
    public const string Conflict = "Conflict";
    public const string ApplyRejected = "ApplyRejected";
    public const string ValidationFailed = "ValidationFailed";
    public const string WaitingForTagPolicy = "WaitingForTagPolicy";
    public const string OffHoursStarted = "OffHoursStarted";
    public const string OffHoursEnded = "OffHoursEnded";
    public const string NodeClaimDeleted = "NodeClaimDeleted";
    public const string DrainBlocked = "DrainBlocked";
    public const string DrainSkipped = "DrainSkipped";
    public const string InvalidOverride = "InvalidOverride";
    public const string MigrationStarted = "MigrationStarted";
    public const string MigrationCompleted = "MigrationCompleted";
    public const string Adopted = "Adopted";
    public const string AdoptionPendingConfirmation = "AdoptionPendingConfirmation";
    public const string RotationStarted = "RotationStarted";
    public const string RotationCompleted = "RotationCompleted";
}
