namespace AutoMode.Testing.Builders;

/// <summary>
/// A self-signed CA certificate for tests of certificateBundles (EC P-256, "CN=Example Internal Root CA", made with
/// openssl for this repository; no private key is kept), and a damaged copy of it.
/// </summary>
public static class TestCertificates
{
    public const string ExampleRootCa = """
        -----BEGIN CERTIFICATE-----
        MIIBmjCCAUGgAwIBAgIUDxCZIPj4OFi0b72g76E1LcM9VuUwCgYIKoZIzj0EAwIw
        IzEhMB8GA1UEAwwYRXhhbXBsZSBJbnRlcm5hbCBSb290IENBMB4XDTI2MTIwNTAy
        NTgxN1oXDTM2MTIwMjAyNTgxN1owIzEhMB8GA1UEAwwYRXhhbXBsZSBJbnRlcm5h
        bCBSb290IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAErMosvrbVML0/oBlh
        b2daDRktOhDbYxfo8Lk9r7jjg88aWJdOIhftLYtsBIU9iflHWmZ73aePFkU7GqNc
        OvVmNKNTMFEwHQYDVR0OBBYEFF2WYELBMgBNyq2IsCh0W/fmVdstMB8GA1UdIwQY
        MBaAFF2WYELBMgBNyq2IsCh0W/fmVdstMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZI
        zj0EAwIDRwAwRAIgaOGv/+8epw6zekJqpQBcxXfJ5s12GIrytxcvdsBrwO8CIG+0
        ncbon2vl0r/pxpILh6YAjcMSuX2kZRhLDAPYdWxk
        -----END CERTIFICATE-----
        """;

    /// <summary>The same certificate with one character of its base64 body changed, so it no longer parses.</summary>
    public static string Damaged { get; } = ExampleRootCa.Replace("MIIBmjCCAUGgAwIBAgIU", "MIIBmjCCAUGgAwIBAgIV", StringComparison.Ordinal);

    /// <summary>The certificate without its END line.</summary>
    public static string Truncated { get; } = ExampleRootCa[..ExampleRootCa.IndexOf("-----END", StringComparison.Ordinal)];
}
