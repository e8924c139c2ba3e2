using System.Text;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Core.Import;

/// <summary>
/// The inverse of <see cref="Desired.ComputeSurfaceRenderer"/>: instance profile, capacity reservations, FIPS,
/// certificate bundles (base64 decoded back to PEM) and static capacity. A bundle whose data is not base64 of UTF-8
/// text is copied as written: rendering it back differs, so the import reports it lossy rather than guessing.
/// </summary>
internal static class ComputeSurfaceImporter
{
    public static void FillNodeClass(V1Alpha1WorkloadClassSpec spec, V1NodeClassSpec nodeClass)
    {
        spec.InstanceProfile = nodeClass.InstanceProfile;
        spec.CapacityReservations = nodeClass.CapacityReservationSelectorTerms is { Count: > 0 } terms
            ? [.. terms.Select(t => new CapacityReservationSelectorTerm
            {
                Id = t.Id,
                Tags = t.Tags is null ? null : new SortedDictionary<string, string>(t.Tags, StringComparer.Ordinal),
                Owner = t.Owner,
            })]
            : null;
        spec.AdvancedSecurity = nodeClass.AdvancedSecurity is { } security ? new AdvancedSecuritySpec { Fips = security.Fips } : null;
        spec.CertificateBundles = nodeClass.CertificateBundles is { Count: > 0 } bundles
            ? [.. bundles.Select(b => new CertificateBundleSpec { Name = b.Name, Data = Pem(b.Data) })]
            : null;
    }

    public static void FillNodePool(V1Alpha1WorkloadClassSpec spec, V1NodePoolSpec nodePool) => spec.StaticNodes = nodePool.Replicas;

    private static string Pem(string data)
    {
        var bytes = new byte[data.Length];
        if (!Convert.TryFromBase64String(data, bytes, out var written))
        {
            return data;
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return data;
        }
    }
}
