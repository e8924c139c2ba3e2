using System.Text.Json.Nodes;
using AutoMode.Core.Serialization;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Core.Validation;

namespace AutoMode.Core.Planning;

/// <summary>
/// In-place adoption, pure: whether a class marked <see cref="AdoptionAnnotations.Adopt"/> takes over the NodeClass and
/// NodePool of its name that no controller owns. Runs on the observation, before <see cref="ClassPlanner.Plan"/>:
/// a child it adopts becomes <see cref="ChildStanding.Adopting"/> (the planner and the apply step then treat it like
/// one of ours, and the apply adds the ownerReference and labels with force), a child whose adoption waits for a
/// confirmation becomes <see cref="ChildStanding.AdoptionPending"/> (blocked: nothing is written to it).
/// <list type="bullet">
/// <item>Only objects without any controller ownerReference are candidates (the observer marks them); an object
/// another controller owns stays a Conflict, and so does everything else while one does: the class adopts both
/// children or neither, so a pool of ours never references a NodeClass of someone else's.</item>
/// <item>The built-in names (system, general-purpose, default) are refused by validation already; checked here again
/// because adopting a built-in would hand AWS's objects to the garbage collector.</item>
/// <item>Identical (every field the class renders has the rendered value): adopted at once, no spec value changes.</item>
/// <item>Different: the differences are reported field by field with a digest; applied only once
/// <see cref="AdoptionAnnotations.Confirm"/> carries that digest. A NodeClass role cannot change at all (it is
/// immutable on Auto Mode), so such a pair is <see cref="AdoptionPhase.NotAdoptable"/>.</item>
/// </list>
/// </summary>
public static class AdoptionPlanner
{
    /// <summary>How often a pending adoption looks at the unowned objects again (the caches do not watch them).</summary>
    public static readonly TimeSpan PendingRecheck = TimeSpan.FromMinutes(1);

    /// <summary>At most this many differences are listed in the condition (the count says how many there are).</summary>
    public const int MaxListed = 20;

    public static ClassObservation Resolve(ClassObservation seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var workloadClass = seen.Class;
        var name = workloadClass.Metadata?.Name ?? "";
        if (!AdoptionAnnotations.Requested(workloadClass) || WorkloadClassValidator.ReservedNames.Contains(name))
        {
            return seen;
        }

        var nodeClass = seen.NodeClass;
        var nodePool = seen.NodePool;
        if (nodeClass.Unowned is null && nodePool.Unowned is null)
        {
            return seen with { Adoption = NothingToAdopt(seen, name) };
        }

        if ((NotAdoptable(nodeClass) ?? NotAdoptable(nodePool)) is { } conflict)
        {
            return seen with { Adoption = new AdoptionObservation(AdoptionPhase.NotAdoptable, [], null, conflict) };
        }

        if (WorkloadClassValidator.Validate(workloadClass).Count > 0)
        {
            // The planner stops on the errors and the objects stay Conflicts: nothing is rendered to compare with.
            return seen;
        }

        var created = workloadClass.Metadata!.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : seen.Now;
        var desired = DesiredPlanner.Plan(workloadClass, created, seen.Now);
        if (desired.BudgetErrors.Count > 0)
        {
            return seen;
        }

        if (ClassPlanner.RoleChanged(nodeClass.Unowned, desired.Desired.NodeClass) is { } roleChange)
        {
            return seen with { Adoption = new AdoptionObservation(AdoptionPhase.NotAdoptable, [], null, roleChange + ". NodeClass " + name + " cannot be adopted by this class.") };
        }

        var differences = new List<AdoptionDifference>();
        if (nodeClass.Unowned is { } liveClass)
        {
            differences.AddRange(AdoptionDiff.Compare("NodeClass", name, SpecOf(liveClass), SpecOf(desired.Desired.NodeClass)));
        }

        if (nodePool.Unowned is { } livePool)
        {
            differences.AddRange(AdoptionDiff.Compare("NodePool", name, SpecOf(livePool), SpecOf(desired.Desired.NodePool)));
        }

        var changes = differences.Where(d => !d.Kept).ToList();
        var digest = changes.Count == 0 ? null : AdoptionDiff.Digest(changes);
        var kept = differences.Where(d => d.Kept).ToList();
        if (digest is null || AdoptionAnnotations.Confirmation(workloadClass) == digest)
        {
            var adopting = new AdoptionObservation(AdoptionPhase.Adopting, differences, digest, AdoptingMessage(seen, name, changes.Count, kept));
            return seen with { NodeClass = Adopt(nodeClass), NodePool = Adopt(nodePool), Adoption = adopting };
        }

        var pending = new AdoptionObservation(AdoptionPhase.PendingConfirmation, differences, digest, PendingMessage(seen, name, changes, kept, digest));
        return seen with { NodeClass = Hold(nodeClass), NodePool = Hold(nodePool), Adoption = pending };
    }

    private static AdoptionObservation NothingToAdopt(ClassObservation seen, string name)
    {
        if ((NotAdoptable(seen.NodeClass) ?? NotAdoptable(seen.NodePool)) is { } conflict)
        {
            return new AdoptionObservation(AdoptionPhase.NotAdoptable, [], null, conflict);
        }

        return new AdoptionObservation(AdoptionPhase.Adopted, [], null,
            $"NodeClass {name} and NodePool {name} are this class's (adopted, or created by it): deleting the class deletes them " +
            $"through garbage collection. The {AdoptionAnnotations.Adopt} annotations may be removed.");
    }

    // A conflict the adoption cannot resolve: an object another controller owns, or one of an earlier class.
    private static string? NotAdoptable<T>(SeenChild<T> child)
        where T : class => child.Standing switch
        {
            ChildStanding.Conflict when child.Unowned is null => $"{child.Conflict}: only an object that no controller owns can be adopted (see Conflict)",
            ChildStanding.WaitingForEarlierClass => $"an object of this name {child.Blocker}: it is not adopted",
            _ => null,
        };

    private static SeenChild<T> Adopt<T>(SeenChild<T> child)
        where T : class => child.Unowned is { } live ? new SeenChild<T>(live, ChildStanding.Adopting) : child;

    private static SeenChild<T> Hold<T>(SeenChild<T> child)
        where T : class => child.Unowned is not null
            ? new SeenChild<T>(null, ChildStanding.AdoptionPending, Blocker: "it waits for the confirmation of its adoption (see Adopted)")
            : child;

    private static string AdoptingMessage(ClassObservation seen, string name, int changes, List<AdoptionDifference> kept)
    {
        var what = string.Join(" and ", Candidates(seen, name));
        var message = changes == 0
            ? $"Adopting {what}: identical to what this class renders; only the ownerReference and labels are added, no spec value changes."
            : $"Adopting {what} with the {changes} confirmed change(s).";
        return message + KeptSentence(kept);
    }

    private static string PendingMessage(ClassObservation seen, string name, List<AdoptionDifference> changes, List<AdoptionDifference> kept, string digest)
    {
        var what = string.Join(" and ", Candidates(seen, name));
        var listed = string.Join("; ", changes.Take(MaxListed));
        var more = changes.Count > MaxListed ? $" (and {changes.Count - MaxListed} more)" : "";
        return $"{what} differ(s) from what this class renders in {changes.Count} field(s) (running -> rendered): {listed}{more}. " +
               "Nothing is written until you confirm. " + (changes.Any(c => c.ReplacesNodes)
                   ? "Warning: a changed NodePool template or NodeClass drifts every node of the pool, and Karpenter replaces them all, " +
                     "within the pool's disruption budgets. "
                   : "None of these changes replaces a node. ") +
               $"To adopt with exactly these changes, annotate the class {AdoptionAnnotations.Confirm}={digest} (another set of " +
               "changes has another digest); or change the class until it renders what runs." + KeptSentence(kept);
    }

    private static string KeptSentence(List<AdoptionDifference> kept) => kept.Count == 0
        ? ""
        : " Kept as they are, since the class does not render them: " + string.Join(", ", kept.Take(MaxListed).Select(k => $"{k.Kind} {k.Path}")) + ".";

    private static IEnumerable<string> Candidates(ClassObservation seen, string name)
    {
        if (seen.NodeClass.Unowned is not null)
        {
            yield return $"NodeClass {name}";
        }

        if (seen.NodePool.Unowned is not null)
        {
            yield return $"NodePool {name}";
        }
    }

    // Only the spec travels: a live object carries managedFields (fieldsV1 is free-form JSON), which the manifest
    // serializer does not model, and metadata is not compared anyway.
    private static JsonNode? SpecOf(V1NodeClass nodeClass) => ManifestYaml.ToJsonNode(new V1NodeClass { Spec = nodeClass.Spec })?["spec"];

    private static JsonNode? SpecOf(V1NodePool nodePool) => ManifestYaml.ToJsonNode(new V1NodePool { Spec = nodePool.Spec })?["spec"];
}
