namespace AutoMode.Core.Import;

/// <summary>
/// Something the user should know about an imported object. Lossy: the class cannot render the input exactly (a
/// field it has no place for, a value that renders differently); the CLI fails on these unless --allow-lossy.
/// Not lossy: a change the operator always makes on purpose (its own NodeClass per class).
/// </summary>
/// <param name="Source">The object, e.g. "NodePool gpu".</param>
/// <param name="Path">The field in that object, or empty for the whole object.</param>
/// <param name="Message">What changes, in the user's words.</param>
/// <param name="Lossy">The class cannot reproduce the input here.</param>
public sealed record ImportNote(string Source, string Path, string Message, bool Lossy)
{
    public override string ToString() => Path.Length == 0 ? $"{Source}: {Message}" : $"{Source}: {Path}: {Message}";
}
