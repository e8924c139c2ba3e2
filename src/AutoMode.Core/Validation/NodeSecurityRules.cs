using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AutoMode.Core.Api.V1Alpha1;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>
/// spec.advancedSecurity (a boolean, nothing to check) and spec.certificateBundles: unique names, and PEM data whose
/// every CERTIFICATE block parses as an X.509 certificate. The CRD can only check that the markers are there; a
/// truncated or mistyped certificate is caught here, by `validate` and in the status, before a node fails to boot.
/// </summary>
internal static class NodeSecurityRules
{
    public const int MaxBundles = 10;
    public const int MaxBundleLength = 65536;
    private const string Begin = "-----BEGIN CERTIFICATE-----";
    private const string End = "-----END CERTIFICATE-----";

    public static void Check(ValidationRun run, V1Alpha1WorkloadClassSpec spec)
    {
        const string path = "spec.certificateBundles";
        if (!run.List(path, spec.CertificateBundles, MaxBundles, required: false, ""))
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.CertificateBundles!.Count; i++)
        {
            var at = Index(path, i);
            if (spec.CertificateBundles[i] is not { } bundle)
            {
                run.Add(at, "is null; give a name and PEM data");
                continue;
            }

            if (bundle.Name is null)
            {
                run.Add(at, "'name' is required; name the bundle");
            }
            else
            {
                run.Length(Field(at, "name"), bundle.Name, 1, 128);
                if (!names.Add(bundle.Name))
                {
                    run.Add(path, "certificate bundle names must be unique; rename or merge the duplicates");
                }
            }

            if (bundle.Data is null)
            {
                run.Add(at, "'data' is required; paste the PEM text of the CA certificates");
            }
            else
            {
                Data(run, Field(at, "data"), bundle.Data);
            }
        }
    }

    private static void Data(ValidationRun run, string at, string data)
    {
        if (data.Length is 0 or > MaxBundleLength)
        {
            run.Add(at, $"is {data.Length} characters; use 1-{MaxBundleLength}");
            return;
        }

        if (!data.Contains(Begin, StringComparison.Ordinal) || !data.Contains(End, StringComparison.Ordinal))
        {
            run.Add(at, "data must be PEM text with at least one -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE----- block; paste the PEM file, not its base64 or DER form");
            return;
        }

        var block = 0;
        var rest = data.AsSpan();
        while (rest.IndexOf(Begin, StringComparison.Ordinal) is var start and >= 0)
        {
            var end = rest[start..].IndexOf(End, StringComparison.Ordinal);
            if (end < 0)
            {
                run.Add(at, $"certificate {block + 1} has no -----END CERTIFICATE----- line; paste the whole PEM block");
                return;
            }

            var pem = rest.Slice(start, end + End.Length);
            try
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
            }
            catch (CryptographicException)
            {
                run.Add(at, $"certificate {block + 1} is not a valid X.509 certificate (its base64 body is damaged or truncated); paste it again from the CA's PEM file");
            }
            catch (ArgumentException)
            {
                run.Add(at, $"certificate {block + 1} is not a valid PEM block; paste it again from the CA's PEM file");
            }

            block++;
            rest = rest[(start + end + End.Length)..];
        }
    }
}
