namespace AutoMode.Testing.Crds;

/// <summary>The field.ErrorType values of k8s.io/apimachinery/pkg/util/validation/field/errors.go that the checker reports.</summary>
public enum CrdFieldErrorType
{
    Required,
    Forbidden,
    Invalid,
    TypeInvalid,
    NotSupported,
    Duplicate,
    TooLong,
    TooMany,
    Internal,
}
