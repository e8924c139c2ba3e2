namespace AutoMode.Operator.Controllers.AccessEntries;

/// <summary>NodeRoleAccessEntryReady reasons beyond the shared ones (AccessEntryPresent, NodeRoleAccessEntryMissing).</summary>
internal static class AccessEntryReasons
{
    /// <summary>
    /// Unknown: the operator could not read the access entry (permission, AWS error, or an endpoint that answers 404
    /// without an AWS error code, i.e. does not serve the API); the message names the call. Re-checked later.
    /// </summary>
    public const string CheckFailed = "AccessEntryCheckFailed";

    /// <summary>Created or associated by the operator; waiting to read it back.</summary>
    public const string Creating = "CreatingAccessEntry";
}
