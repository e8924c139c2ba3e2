namespace AutoMode.Core.Planning;

/// <summary>Where a requested adoption stands (<see cref="AdoptionAnnotations.Adopt"/>).</summary>
public enum AdoptionPhase
{
    /// <summary>The NodeClass and NodePool of the class's name are its own (adopted earlier, or created by it), or missing and about to be created.</summary>
    Adopted,

    /// <summary>This reconcile takes the unowned objects over: they are identical to what the class renders, or their differences were confirmed.</summary>
    Adopting,

    /// <summary>The objects differ from what the class renders; nothing is written until the digest is confirmed.</summary>
    PendingConfirmation,

    /// <summary>An object of the name cannot be adopted (another controller owns it, or its immutable role differs).</summary>
    NotAdoptable,
}

/// <summary>
/// The adoption decision of one reconcile, for the <c>Adopted</c> condition and its event.
/// </summary>
/// <param name="Phase">Where the adoption stands.</param>
/// <param name="Differences">The differences (changes and kept fields) between the unowned objects and the rendered ones.</param>
/// <param name="Digest">The digest of the changes, to confirm with; null when there are none.</param>
/// <param name="Message">What the condition says.</param>
public sealed record AdoptionObservation(AdoptionPhase Phase, IReadOnlyList<AdoptionDifference> Differences, string? Digest, string Message)
{
    /// <summary>The differences adoption would write (fields the class renders).</summary>
    public IReadOnlyList<AdoptionDifference> Changes => [.. Differences.Where(d => !d.Kept)];
}
