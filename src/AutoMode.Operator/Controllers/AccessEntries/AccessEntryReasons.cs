namespace AutoMode.Operator.Controllers.AccessEntries;

/// <summary>NodeRoleAccessEntryReady reasons beyond the shared ones (AccessEntryPresent, NodeRoleAccessEntryMissing).</summary>
internal static class AccessEntryReasons
{
    /// <summary>Unknown: the operator could not read the access entry (permission or AWS error); the message names the call.</summary>
    public const string CheckFailed = "AccessEntryCheckFailed";

    /// <summary>Created or associated by the operator; waiting to read it back.</summary>
    public const string Creating = "CreatingAccessEntry";
}
