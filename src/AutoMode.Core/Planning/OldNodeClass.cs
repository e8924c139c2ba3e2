namespace AutoMode.Core.Planning;

/// <summary>A NodeClass of ours (controller ownerReference to the class's uid) that is not the one its role wants.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Uid">Its uid: the deletion's precondition.</param>
/// <param name="ResourceVersion">The version observed: the deletion's precondition, so a changed object is judged again.</param>
/// <param name="Deleting">Its deletion was asked for already (deletionTimestamp, or a deletion of ours the cache does not show yet).</param>
/// <param name="NodeClaims">NodeClaims whose spec.nodeClassRef.name is this NodeClass.</param>
public sealed record OldNodeClass(string Name, string Uid, string? ResourceVersion, bool Deleting, int NodeClaims);
