using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Crds;

/// <summary>
/// One validation error, rendered like field.Error.Error() in k8s.io/apimachinery/pkg/util/validation/field/errors.go:
/// <c>{field}: {type}[: {bad value}][: {detail}]</c>. Required, Forbidden, TooLong and Internal omit the value; strings
/// are Go-quoted (%q); numbers and booleans are printed bare. Where Go prints a struct with %#v (e.g. a whole schema or
/// version list), this prints compact JSON instead: such messages match the API server's in field, type and detail,
/// not in the rendering of that value.
/// </summary>
public sealed record CrdFieldError(CrdFieldErrorType Type, string Field, JsonNode? BadValue, string Detail, bool OmitValue = false)
{
    public static CrdFieldError Required(FieldPath path, string detail) => new(CrdFieldErrorType.Required, path.ToString(), null, detail, OmitValue: true);

    public static CrdFieldError Forbidden(FieldPath path, string detail) => new(CrdFieldErrorType.Forbidden, path.ToString(), null, detail, OmitValue: true);

    public static CrdFieldError Invalid(FieldPath path, JsonNode? value, string detail) => new(CrdFieldErrorType.Invalid, path.ToString(), value?.DeepClone(), detail);

    public static CrdFieldError Invalid(FieldPath path, string value, string detail) => new(CrdFieldErrorType.Invalid, path.ToString(), JsonValue.Create(value), detail);

    /// <summary>field.NotSupported: the detail lists the valid values, each Go-quoted.</summary>
    public static CrdFieldError NotSupported(FieldPath path, JsonNode? value, IEnumerable<string> validValues)
    {
        var quoted = validValues.Select(GoQuote).ToList();
        return new(CrdFieldErrorType.NotSupported, path.ToString(), value?.DeepClone(), quoted.Count == 0 ? "" : "supported values: " + string.Join(", ", quoted));
    }

    /// <summary>The field.ErrorType string the API server prints.</summary>
    public string TypeText => Type switch
    {
        CrdFieldErrorType.Required => "Required value",
        CrdFieldErrorType.Forbidden => "Forbidden",
        CrdFieldErrorType.Invalid or CrdFieldErrorType.TypeInvalid => "Invalid value",
        CrdFieldErrorType.NotSupported => "Unsupported value",
        CrdFieldErrorType.Duplicate => "Duplicate value",
        CrdFieldErrorType.TooLong => "Too long",
        CrdFieldErrorType.TooMany => "Too many",
        CrdFieldErrorType.Internal => "Internal error",
        _ => Type.ToString(),
    };

    /// <summary>The metav1.CauseType of this error in a Status's details.causes (the field.ErrorType value).</summary>
    public string CauseType => Type switch
    {
        CrdFieldErrorType.Required => "FieldValueRequired",
        CrdFieldErrorType.Forbidden => "FieldValueForbidden",
        CrdFieldErrorType.Invalid => "FieldValueInvalid",
        CrdFieldErrorType.TypeInvalid => "FieldValueTypeInvalid",
        CrdFieldErrorType.NotSupported => "FieldValueNotSupported",
        CrdFieldErrorType.Duplicate => "FieldValueDuplicate",
        CrdFieldErrorType.TooLong => "FieldValueTooLong",
        CrdFieldErrorType.TooMany => "FieldValueTooMany",
        _ => "InternalError",
    };

    /// <summary>field.Error.ErrorBody(): everything after the field path.</summary>
    public string Body
    {
        get
        {
            var text = new StringBuilder(TypeText);
            if (!OmitValue && Type is not (CrdFieldErrorType.Required or CrdFieldErrorType.Forbidden or CrdFieldErrorType.TooLong or CrdFieldErrorType.Internal))
            {
                text.Append(": ").Append(RenderValue(BadValue));
            }

            if (Detail.Length > 0)
            {
                text.Append(": ").Append(Detail);
            }

            return text.ToString();
        }
    }

    public override string ToString() => $"{Field}: {Body}";

    private static string RenderValue(JsonNode? value)
    {
        if (value is null)
        {
            return "null";
        }

        if (value is JsonValue scalar)
        {
            switch (scalar.GetValueKind())
            {
                case JsonValueKind.String:
                    return GoQuote(scalar.GetValue<string>());
                case JsonValueKind.True:
                    return "true";
                case JsonValueKind.False:
                    return "false";
                case JsonValueKind.Number:
                    return scalar.ToJsonString();
                default:
                    break;
            }
        }

        return value.ToJsonString();
    }

    /// <summary>Go's strconv.Quote for the characters CRDs contain.</summary>
    public static string GoQuote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                case '\r':
                    quoted.Append("\\r");
                    break;
                case '\t':
                    quoted.Append("\\t");
                    break;
                default:
                    if (Rune.IsControl(rune))
                    {
                        quoted.Append(rune.Value < 0x80 ? $"\\x{rune.Value:x2}" : $"\\u{rune.Value:x4}");
                    }
                    else
                    {
                        quoted.Append(rune.ToString());
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

}
