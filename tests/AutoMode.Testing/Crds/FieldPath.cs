using System.Globalization;
using System.Text;

namespace AutoMode.Testing.Crds;

/// <summary>
/// A field path rendered as k8s.io/apimachinery/pkg/util/validation/field.Path renders it:
/// <c>spec.versions[0].schema.openAPIV3Schema.properties[metadata]</c> (children joined by dots, map keys and list
/// indexes in brackets, keys not quoted).
/// </summary>
public sealed class FieldPath
{
    private readonly FieldPath? _parent;
    private readonly string _segment;
    private readonly bool _bracketed;

    private FieldPath(FieldPath? parent, string segment, bool bracketed)
    {
        _parent = parent;
        _segment = segment;
        _bracketed = bracketed;
    }

    public static FieldPath Root(string name, params string[] more)
    {
        var path = new FieldPath(null, name, bracketed: false);
        foreach (var part in more)
        {
            path = path.Child(part);
        }

        return path;
    }

    public FieldPath Child(string name, params string[] more)
    {
        var path = new FieldPath(this, name, bracketed: false);
        foreach (var part in more)
        {
            path = path.Child(part);
        }

        return path;
    }

    public FieldPath Key(string key) => new(this, key, bracketed: true);

    public FieldPath Index(int index) => new(this, index.ToString(CultureInfo.InvariantCulture), bracketed: true);

    public override string ToString()
    {
        var parts = new Stack<FieldPath>();
        for (var p = this; p is not null; p = p._parent)
        {
            parts.Push(p);
        }

        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part._bracketed)
            {
                text.Append('[').Append(part._segment).Append(']');
            }
            else
            {
                if (text.Length > 0)
                {
                    text.Append('.');
                }

                text.Append(part._segment);
            }
        }

        return text.ToString();
    }
}
