namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>Names that identify the WorkloadClass API and what the operator stamps on generated objects.</summary>
public static class WorkloadClassApi
{
    public const string Group = "automode.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
    public const string Kind = "WorkloadClass";
    public const string Plural = "workloadclasses";
    public const string ShortName = "wlc";

    /// <summary>Server-side apply field manager; also the value of the managed-by label.</summary>
    public const string FieldManager = "automode-operator";

    /// <summary>On every generated object and every generated node: which class it belongs to.</summary>
    public const string WorkloadClassLabel = "automode.io/workload-class";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = FieldManager;

    /// <summary>Taint key used when a class is dedicated; its value is the class name.</summary>
    public const string DedicatedTaintKey = "automode.io/workload-class";

    /// <summary>Manual off-hours override: <c>up-until=&lt;RFC3339&gt;</c> or <c>down-until=&lt;RFC3339&gt;</c>.</summary>
    public const string OffHoursOverrideAnnotation = "automode.io/off-hours-override";

    /// <summary>
    /// On the NodePool template (spec.template.metadata.annotations): the window start at which the last rotation
    /// began, RFC 3339. Changing it changes the NodePool hash, so Karpenter marks every NodeClaim Drifted.
    /// </summary>
    public const string RotationAnnotation = "automode.io/rotation";

    public const string Finalizer = "automode.io/finalizer";
}
