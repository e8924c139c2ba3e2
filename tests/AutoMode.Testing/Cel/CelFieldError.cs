using System.Globalization;

namespace AutoMode.Testing.Cel;

/// <summary>
/// One field error as the API server reports a failed <c>x-kubernetes-validations</c> rule. Format from
/// kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go (<c>Error</c>,
/// <c>ErrorBody</c>): <c>&lt;field&gt;: Invalid value: "&lt;schema type&gt;": &lt;detail&gt;</c>. The bad value is the
/// schema node's type, not the value, as apiextensions passes <c>sts.Type</c> (schema/cel/validation.go).
/// </summary>
/// <param name="Type">The StatusCause reason: FieldValueInvalid, FieldValueForbidden, FieldValueRequired or FieldValueDuplicate.</param>
/// <param name="Field">The field path, e.g. <c>spec.subnets[0].id</c>; <c>&lt;nil&gt;</c> for a rule at the object root, as a nil field.Path prints.</param>
/// <param name="SchemaType">The schema node's <c>type</c> ("object", "string", ...; empty for int-or-string).</param>
/// <param name="Detail">The rule's message, evaluated messageExpression, or <c>failed rule: &lt;rule&gt;</c>.</param>
public sealed record CelFieldError(string Type, string Field, string SchemaType, string Detail)
{
    public const string Invalid = "FieldValueInvalid";
    public const string Forbidden = "FieldValueForbidden";
    public const string Required = "FieldValueRequired";
    public const string Duplicate = "FieldValueDuplicate";

    /// <summary>What <c>StatusCause.message</c> carries: the error without the field.</summary>
    public string Body => Type switch
    {
        Forbidden => Join("Forbidden", Detail),
        Required => Join("Required value", Detail),
        Duplicate => string.Create(CultureInfo.InvariantCulture, $"Duplicate value: \"{SchemaType}\""),
        _ => Join(string.Create(CultureInfo.InvariantCulture, $"Invalid value: \"{SchemaType}\""), Detail),
    };

    /// <summary>The error as the API server prints it: <c>field: body</c>.</summary>
    public override string ToString() => $"{Field}: {Body}";

    /// <summary>The error for a rule's <c>reason</c> (field.Invalid when absent), as fieldErrorForReason in schema/cel/validation.go.</summary>
    public static CelFieldError ForReason(string? reason, string field, string schemaType, string detail) => reason switch
    {
        "FieldValueForbidden" => new CelFieldError(Forbidden, field, schemaType, detail),
        "FieldValueRequired" => new CelFieldError(Required, field, schemaType, detail),
        // field.Duplicate carries no detail.
        "FieldValueDuplicate" => new CelFieldError(Duplicate, field, schemaType, string.Empty),
        _ => new CelFieldError(Invalid, field, schemaType, detail),
    };

    private static string Join(string head, string detail) => detail.Length == 0 ? head : $"{head}: {detail}";
}
