namespace AutoMode.Testing.Kube;

/// <summary>
/// A committed change, kept in the bounded history that watches replay from. Labels before the change
/// (<c>PreviousLabels</c>) let label-selected watches turn MODIFIED into ADDED or DELETED.
/// </summary>
internal sealed record WatchEvent(
    long ResourceVersion,
    string Type,
    FakeResourceType ResourceType,
    string Namespace,
    string Name,
    IReadOnlyDictionary<string, string>? Labels,
    bool HadPrevious,
    IReadOnlyDictionary<string, string>? PreviousLabels,
    string ObjectJson);
