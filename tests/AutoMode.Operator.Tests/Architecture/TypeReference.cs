namespace AutoMode.Operator.Tests.Architecture;

/// <summary>One place where code in one namespace names a type (or a member of a type) of another.</summary>
/// <param name="From">The namespace of the type whose code holds the reference.</param>
/// <param name="To">The namespace of the referenced type.</param>
/// <param name="FromType">The referring type, e.g. WorkloadClassController.</param>
/// <param name="ToType">The referenced type, e.g. AccessEntryState.</param>
/// <param name="Location">File name and line of the reference.</param>
internal sealed record TypeReference(string From, string To, string FromType, string ToType, string Location)
{
    public override string ToString() => $"{FromType} -> {ToType} ({Location})";
}
