using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AutoMode.Core.Planning;

/// <summary>What the naming rule needs to know about one existing NodeClass.</summary>
/// <param name="Name">The NodeClass's name.</param>
/// <param name="Ours">It has a controller ownerReference to this WorkloadClass's uid.</param>
/// <param name="Role">Its spec.role (a role name, as rendered).</param>
public sealed record NodeClassFact(string Name, bool Ours, string? Role);

/// <summary>
/// The name of the NodeClass a WorkloadClass wants for its node role. The role of an EKS Auto Mode NodeClass is
/// immutable, so another role needs another NodeClass, which the NodePool is then pointed at. Deterministic from the
/// class name, the role and what exists, so a restarted operator picks the same name; and a class whose role never
/// changed keeps the NodeClass named after it (renaming it on upgrade would drift every node).
/// </summary>
public static class NodeClassNaming
{
    /// <summary>Hex characters of the role's hash in a derived name: 32 bits, plenty for the few roles one class sees.</summary>
    public const int HashLength = 8;

    /// <summary>Longest Kubernetes name the rule produces: a DNS label, as the class name itself is.</summary>
    public const int MaxLength = 63;

    /// <param name="className">The WorkloadClass's name (a DNS label).</param>
    /// <param name="role">The desired NodeClass spec.role (the reduced role name).</param>
    /// <param name="sameName">The NodeClass named <paramref name="className"/>, if one exists.</param>
    /// <param name="referenced">The NodeClass the class's NodePool points at now, if the pool is ours and it exists.</param>
    public static string Desired(string className, string role, NodeClassFact? sameName, NodeClassFact? referenced)
    {
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(role);

        // A class on an instance profile has no role to migrate between: its NodeClass identity cannot change on a live
        // class (ModeSwitches refuses it), so it keeps the class's name.
        if (role.Length == 0)
        {
            return className;
        }

        // The pool already runs on a NodeClass of ours with this role: stay (after a migration, the NodeClass named
        // after the class is pruned, and falling back to that name would migrate every node a second time).
        if (referenced is { Ours: true } current && current.Role == role)
        {
            return current.Name;
        }

        // The class's own name, unless a NodeClass of ours holds it with another role. An object of that name that is
        // not ours keeps the name: it is a Conflict, as it always was, never a reason to pick another name.
        return sameName is { Ours: true } own && own.Role != role ? ForRole(className, role) : className;
    }

    /// <summary>`&lt;class&gt;-&lt;hash of role&gt;`, the class part cut so the whole stays a DNS label of at most 63.</summary>
    public static string ForRole(string className, string role)
    {
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(role);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(role)))[..HashLength].ToLower(CultureInfo.InvariantCulture);
        var prefix = className.Length > MaxLength - HashLength - 1 ? className[..(MaxLength - HashLength - 1)] : className;

        // A DNS label ends with an alphanumeric; the cut may have left a '-' before ours.
        return prefix.TrimEnd('-') + "-" + hash;
    }
}
