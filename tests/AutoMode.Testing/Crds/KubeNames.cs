using System.Text.RegularExpressions;

namespace AutoMode.Testing.Crds;

/// <summary>
/// The name checks of k8s.io/apimachinery/pkg/util/validation/validation.go (IsDNS1123Subdomain, IsDNS1035Label) with
/// their exact messages, as the CRD validation joins them.
/// </summary>
internal static partial class KubeNames
{
    private const string Dns1123SubdomainFormat = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string Dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";

    public static List<string> IsDns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add("must be no more than 253 characters");
        }

        if (!Dns1123Subdomain().IsMatch(value))
        {
            errors.Add(RegexError(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                Dns1123SubdomainFormat,
                "example.com"));
        }

        return errors;
    }

    public static List<string> IsDns1035Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!Dns1035Label().IsMatch(value))
        {
            errors.Add(RegexError(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
                Dns1035LabelFormat,
                "my-name",
                "abc-123"));
        }

        return errors;
    }

    /// <summary>
    /// validation.RegexError, byte for byte: every example is followed by <c>", "</c> and the next one preceded by
    /// <c>" or "</c>, hence the double space the API server prints (<c>'my-name',  or 'abc-123'</c>).
    /// </summary>
    private static string RegexError(string message, string format, params string[] examples)
    {
        var text = message + " (e.g. ";
        for (var i = 0; i < examples.Length; i++)
        {
            text += (i > 0 ? " or " : "") + "'" + examples[i] + "', ";
        }

        return text + "regex used for validation is '" + format + "')";
    }

    [GeneratedRegex("^" + Dns1123SubdomainFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^" + Dns1035LabelFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035Label();
}
