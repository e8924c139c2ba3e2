using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Status;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Core.Planning;

/// <summary>How the object with a generated object's target name stands towards the class.</summary>
public enum ChildStanding
{
    /// <summary>No object of that name exists.</summary>
    Missing,

    /// <summary>The object is controlled by this class.</summary>
    Ours,

    /// <summary>Someone else's object holds the name (user action needed: a Conflict).</summary>
    Conflict,

    /// <summary>The child of an earlier class of the same name, which the garbage collector is about to delete.</summary>
    WaitingForEarlierClass,

    /// <summary>An object no controller owns, which this class adopts in this reconcile (AdoptionPlanner).</summary>
    Adopting,

    /// <summary>An object no controller owns, whose adoption waits for the user to confirm its changes (nothing is written to it).</summary>
    AdoptionPending,
}

/// <summary>One generated object as observed: ours (or missing), or blocked by an object that is not ours, and why.</summary>
/// <param name="Object">The object when it is ours; null otherwise.</param>
/// <param name="Standing">How the object of the target name stands towards the class.</param>
/// <param name="Blocker">Why an object that is not ours keeps ours from existing, for the child's condition.</param>
/// <param name="Conflict">The Conflict message (who owns it), only for <see cref="ChildStanding.Conflict"/>.</param>
/// <param name="Unowned">A Conflict object that no controller owns, which a class may adopt (AdoptionPlanner); null otherwise.</param>
public sealed record SeenChild<T>(T? Object, ChildStanding Standing, string? Blocker = null, string? Conflict = null, T? Unowned = null)
    where T : class
{
    /// <summary>An object of our target name that is not ours: nothing of ours is applied under that name.</summary>
    public bool Blocked => Standing is ChildStanding.Conflict or ChildStanding.WaitingForEarlierClass or ChildStanding.AdoptionPending;
}

/// <summary>Builders for <see cref="SeenChild{T}"/>.</summary>
public static class SeenChild
{
    /// <summary>Ours when <paramref name="child"/> is set, missing otherwise.</summary>
    public static SeenChild<T> Ours<T>(T? child)
        where T : class => new(child, child is null ? ChildStanding.Missing : ChildStanding.Ours);
}

/// <summary>Everything one reconcile of a WorkloadClass observed, read before anything is written.</summary>
public sealed record ClassObservation
{
    public required V1Alpha1WorkloadClass Class { get; init; }

    public required DateTimeOffset Now { get; init; }

    public required SeenChild<V1NodeClass> NodeClass { get; init; }

    public required SeenChild<V1NodePool> NodePool { get; init; }

    /// <summary>The NodeClaims of the pool (terminating ones included); 0 when the pool is not ours.</summary>
    public int NodeClaims { get; init; }

    /// <summary>The pool's NodeClaims with their creation and template hash, the pool's hash and last rotation.</summary>
    public NodeLifetimes Lifetimes { get; init; } = NodeLifetimes.None;

    /// <summary>The tag-policy gate as published now; only consulted when the class has tags to propagate.</summary>
    public GateObservation? TagPolicy { get; init; }

    /// <summary>When a closed tag-policy gate opens by itself (the IAM propagation delay ends).</summary>
    public DateTimeOffset? TagPolicyOpensAt { get; init; }

    /// <summary>The access-entry gate for the class's node role; null when none applies.</summary>
    public GateObservation? AccessEntry { get; init; }

    /// <summary>A status is stored, or this process wrote one the cache does not show yet (then nothing is held).</summary>
    public bool HasStatus { get; init; }

    /// <summary>Since when this process holds the class's first status (FirstStatusHold); null when it holds none.</summary>
    public DateTimeOffset? HoldingSince { get; init; }

    /// <summary>The NodeClass the class wants for its node role (<see cref="NodeClassNaming"/>); null for the class's own name.</summary>
    public string? NodeClassName { get; init; }

    /// <summary>NodeClasses of ours of an earlier node role (<see cref="RoleMigrationPlanner"/>).</summary>
    public IReadOnlyList<OldNodeClass> OldNodeClasses { get; init; } = [];

    /// <summary>The adoption decision when the class asks to adopt (AdoptionPlanner.Resolve); null otherwise.</summary>
    public AdoptionObservation? Adoption { get; init; }
}
