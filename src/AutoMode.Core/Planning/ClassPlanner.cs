using AutoMode.Core.Status;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.Validation;

namespace AutoMode.Core.Planning;

/// <summary>
/// The decisions of one WorkloadClass reconcile, pure: <see cref="Plan"/> turns what was observed into what to apply
/// (and what not, and why); <see cref="ClassReporter.Report"/> turns what the act steps did into the status inputs,
/// the events and the next wake-up. Applies and drains are I/O whose results the status shows (a rejection, the
/// object as stored, the claims left), so the decisions come in these two halves around the act steps.
/// </summary>
public static class ClassPlanner
{
    /// <summary>How soon a class waiting for a previous class's child to go away looks again without an event.</summary>
    public static readonly TimeSpan OldChildRecheck = TimeSpan.FromSeconds(10);

    public static ClassPlan Plan(ClassObservation seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var workloadClass = seen.Class;
        var now = seen.Now;
        var events = new List<PlannedEvent>();
        foreach (var conflict in new[] { seen.NodeClass.Conflict, seen.NodePool.Conflict })
        {
            if (conflict is not null)
            {
                events.Add(PlannedEvent.Warn(EventReasons.Conflict, conflict + "; it is left untouched."));
            }
        }

        var errors = WorkloadClassValidator.Validate(workloadClass);
        if (errors.Count > 0)
        {
            // A bad edit never disturbs what already runs: nothing is applied, the last good objects stay.
            events.Add(PlannedEvent.Warn(EventReasons.ValidationFailed, string.Join("; ", errors.Take(3))));
            return new ClassPlan { Errors = errors, Events = events };
        }

        var created = workloadClass.Metadata.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : now;
        var desired = DesiredPlanner.Plan(workloadClass, created, now, seen.Lifetimes.Facts);
        if (desired.BudgetErrors.Count > 0)
        {
            // Dropping a budget that cannot be expressed in UTC would silently allow more disruption than asked.
            events.Add(PlannedEvent.Warn(EventReasons.ValidationFailed, string.Join("; ", desired.BudgetErrors.Take(3))));
            return new ClassPlan { Desired = desired, Errors = desired.BudgetErrors, Events = events, WakeAt = desired.NextChange };
        }

        var wakeAt = desired.NextChange;
        var tagGate = desired.Desired.RequiresTagPolicy ? seen.TagPolicy : null;
        if (tagGate is not null && seen.TagPolicyOpensAt is { } opensAt)
        {
            wakeAt = Earliest(wakeAt, opensAt);
        }

        var migration = RoleMigrationPlanner.Plan(seen, desired.Desired, tagGate);
        var rejections = new List<string>();
        var applyNodeClass = false;
        if (!seen.NodeClass.Blocked)
        {
            var tagsAllowed = tagGate is null || tagGate.Status == ConditionStatus.True;
            if ((ModeSwitches.NodeClass(seen.NodeClass.Object, desired.Desired.NodeClass) ?? RoleChanged(seen.NodeClass.Object, desired.Desired.NodeClass)) is { } roleChange)
            {
                // NodeClass spec.role is immutable on Auto Mode: an apply would only be rejected. Keep what runs. (A
                // role change gets a NodeClass of its own name, NodeClassNaming; this is left for a name collision.)
                rejections.Add(roleChange);
            }
            else if (tagsAllowed)
            {
                applyNodeClass = true;
            }
            else if (seen.NodeClass.Object is null)
            {
                events.Add(PlannedEvent.Normal(EventReasons.WaitingForTagPolicy, tagGate!.Message));
            }
        }

        var poolSwitch = seen.NodePool.Blocked ? null : ModeSwitches.NodePool(seen.NodePool.Object, desired.Desired.NodePool);
        if (poolSwitch is not null)
        {
            rejections.Add(poolSwitch);
        }

        if (seen.NodeClass.Standing == ChildStanding.WaitingForEarlierClass || seen.NodePool.Standing == ChildStanding.WaitingForEarlierClass)
        {
            wakeAt = Earliest(wakeAt, now + OldChildRecheck);
        }

        if (seen.Adoption?.Phase == AdoptionPhase.PendingConfirmation)
        {
            // The caches do not watch unowned objects: an edit that makes them match the class is found by looking again.
            wakeAt = Earliest(wakeAt, now + AdoptionPlanner.PendingRecheck);
        }

        return new ClassPlan
        {
            Desired = desired,
            ApplyNodeClass = applyNodeClass,

            // The NodePool references the NodeClass: it is applied only once a NodeClass of ours exists.
            ApplyNodePool = !seen.NodePool.Blocked && !seen.NodeClass.Blocked && poolSwitch is null,
            Rejections = rejections,
            Migration = migration,
            TagPolicy = tagGate,
            Events = events,
            WakeAt = wakeAt,
        };
    }

    /// <summary>The message for a NodeClass whose running role differs from the desired one, or null.</summary>
    public static string? RoleChanged(V1NodeClass? observed, V1NodeClass desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return observed is not null && observed.Spec.Role is { Length: > 0 } running && running != desired.Spec.Role
            ? $"spec.nodeRole: NodeClass {desired.Metadata.Name} runs with role \"{running}\", and the role of an EKS Auto Mode NodeClass cannot change; " +
              $"the operator expected a NodeClass of role \"{desired.Spec.Role}\" under that name: delete or rename NodeClass {desired.Metadata.Name}"
            : null;
    }

    /// <summary>The earlier of two optional instants; null only when both are.</summary>
    public static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
