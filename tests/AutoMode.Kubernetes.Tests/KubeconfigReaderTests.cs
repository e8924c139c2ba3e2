using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Exceptions;

namespace AutoMode.Kubernetes.Tests;

/// <summary>
/// The operator's kubeconfig parse must give the configuration the client's own reader gives, for every shape of
/// kubeconfig a platform team hands it; files it cannot parse must fail exactly as the client fails.
/// </summary>
public sealed class KubeconfigReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubeconfig-reader-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Shapes() => new()
    {
        "token",
        "basic",
        "ca-data-and-client-cert-data",
        "relative-ca-and-client-cert-files",
        "skip-tls-and-server-name",
        "second-context-with-namespace",
        "unmodelled-fields",
        "oidc-auth-provider",
        "exec-plugin",
        "flow-style",
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Configuration_IsTheOneTheClientBuilds(string shape)
    {
        var path = Write(shape);

        Assert.NotNull(KubeconfigReader.TryRead(path)); // the fast parse was used, not the fallback
        var ours = Describe(KubeconfigReader.BuildConfiguration(path));
        var clients = Describe(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));

        Assert.Equal(clients, ours);
    }

    [Fact]
    public void RelativeFiles_AreResolvedAgainstTheKubeconfigsDirectory_NotTheWorkingDirectory()
    {
        var config = KubeconfigReader.BuildConfiguration(Write("relative-ca-and-client-cert-files"));

        Assert.Equal(Path.Combine(_directory, "certs", "client.crt"), config.ClientCertificateFilePath);
        Assert.Single(config.SslCaCerts);
    }

    [Theory]
    [InlineData("clusters: [unclosed")]
    [InlineData("clusters:\n\t- name: tab-indented")]
    [InlineData("")]
    [InlineData("current-context: nowhere\ncontexts: []\nclusters: []\nusers: []")]
    [InlineData("- just\n- a list")]
    public void FileTheClientRejects_FailsWithTheClientsError(string text)
    {
        var path = Path.Combine(_directory, "bad");
        File.WriteAllText(path, text);

        var clients = Record.Exception(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
        var ours = Record.Exception(() => KubeconfigReader.BuildConfiguration(path));

        Assert.NotNull(clients);
        Assert.NotNull(ours);
        Assert.Equal(clients.GetType(), ours.GetType());
        Assert.Equal(clients.Message, ours.Message);
    }

    [Fact]
    public void MissingFile_FailsWithTheClientsKubeConfigException()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubeconfigReader.BuildConfiguration(Path.Combine(_directory, "absent")));

        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    private string Write(string shape)
    {
        var (certificatePem, keyPem) = SelfSigned();
        string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
        var contexts = """
            contexts:
            - name: main
              context: {cluster: main, user: main}
            current-context: main
            """;
        const string loopbackUser = """
            clusters:
            - name: main
              cluster: {server: "http://127.0.0.1:6443"}
            users:
            - name: main
              user:
            """;
        var text = shape switch
        {
            "token" => $"""
                apiVersion: v1
                kind: Config
                clusters:
                - name: main
                  cluster:
                    server: http://127.0.0.1:6443
                users:
                - name: main
                  user:
                    token: abc.def
                {contexts}
                """,
            "basic" => $$"""
                clusters:
                - name: main
                  cluster: {server: "http://10.0.0.1:8080"}
                users:
                - name: main
                  user: {username: admin, password: "s3cret: yes"}
                {{contexts}}
                """,
            "ca-data-and-client-cert-data" => $"""
                clusters:
                - name: main
                  cluster:
                    server: https://api.example.test
                    certificate-authority-data: {Base64(certificatePem)}
                users:
                - name: main
                  user:
                    client-certificate-data: {Base64(certificatePem)}
                    client-key-data: {Base64(keyPem)}
                {contexts}
                """,
            "relative-ca-and-client-cert-files" => $"""
                clusters:
                - name: main
                  cluster:
                    server: https://api.example.test:443
                    certificate-authority: certs/ca.crt
                users:
                - name: main
                  user:
                    client-certificate: certs/client.crt
                    client-key: certs/client.key
                {contexts}
                """,
            "skip-tls-and-server-name" => $$"""
                clusters:
                - name: main
                  cluster:
                    server: https://0.0.0.0:6443
                    insecure-skip-tls-verify: true
                    tls-server-name: kubernetes.default
                users:
                - name: main
                  user: {token: t}
                {{contexts}}
                """,
            "second-context-with-namespace" => """
                clusters:
                - name: one
                  cluster: {server: "http://one:1"}
                - name: two
                  cluster: {server: "http://two:2"}
                users:
                - name: alice
                  user: {token: a}
                - name: bob
                  user: {token: b}
                contexts:
                - name: first
                  context: {cluster: one, user: alice}
                - name: SECOND
                  context: {cluster: two, user: bob, namespace: platform}
                current-context: second
                """,
            "unmodelled-fields" => $$"""
                apiVersion: v1
                kind: Config
                preferences: {colors: true}
                clusters:
                - name: main
                  cluster:
                    server: http://127.0.0.1:6443
                    proxy-url: http://proxy:3128
                    disable-compression: true
                    extensions:
                    - name: client.authentication.k8s.io/exec
                      extension: {audience: x}
                users:
                - name: main
                  user:
                    token: t
                    as: someone
                    as-groups: [a, b]
                extensions:
                - name: future
                  extension: {anything: [1, 2]}
                {{contexts}}
                something-new:
                  nested: {deep: true}
                """,
            "oidc-auth-provider" => $$"""
                {{loopbackUser}}
                    auth-provider:
                      name: oidc
                      config:
                        client-id: operator
                        idp-issuer-url: https://issuer.example.test
                        id-token: eyJ.id.token
                        refresh-token: refresh
                {{contexts}}
                """,
            "exec-plugin" => $$"""
                {{loopbackUser}}
                    exec:
                      apiVersion: client.authentication.k8s.io/v1beta1
                      command: {{ExecPlugin()}}
                      args: [--cluster, main]
                      env:
                      - name: EXTRA
                        value: "from kubeconfig"
                      interactiveMode: Never
                {{contexts}}
                """,
            "flow-style" => """{"clusters": [{"name": "m", "cluster": {"server": "http://127.0.0.1:1"}}], "users": [{"name": "m", "user": {"token": "json"}}], "contexts": [{"name": "m", "context": {"cluster": "m", "user": "m"}}], "current-context": "m"}""",
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };

        Directory.CreateDirectory(Path.Combine(_directory, "certs"));
        File.WriteAllText(Path.Combine(_directory, "certs", "ca.crt"), certificatePem);
        File.WriteAllText(Path.Combine(_directory, "certs", "client.crt"), certificatePem);
        File.WriteAllText(Path.Combine(_directory, "certs", "client.key"), keyPem);
        var path = Path.Combine(_directory, "config");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>An exec credential plugin that answers with a token made of its arguments and environment.</summary>
    private string ExecPlugin()
    {
        var path = Path.Combine(_directory, "plugin.sh");
        File.WriteAllText(path, """
            #!/bin/sh
            printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s-%s-%s"}}' "$1" "$2" "$EXTRA"
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private static (string Certificate, string Key) SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=kubeconfig-reader-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return (certificate.ExportCertificatePem(), key.ExportRSAPrivateKeyPem());
    }

    /// <summary>Everything the client reads from a configuration to connect and authenticate.</summary>
    private static string Describe(KubernetesClientConfiguration config) => string.Join('\n',
        $"host={config.Host}",
        $"context={config.CurrentContext}",
        $"namespace={config.Namespace}",
        $"token={config.AccessToken}",
        $"tokenProvider={config.TokenProvider?.GetType().Name}",
        $"user={config.Username}",
        $"password={config.Password}",
        $"skipTls={config.SkipTlsVerify}",
        $"tlsServerName={config.TlsServerName}",
        $"certData={config.ClientCertificateData}",
        $"keyData={config.ClientCertificateKeyData}",
        $"certFile={config.ClientCertificateFilePath}",
        $"keyFile={config.ClientKeyFilePath}",
        $"ca={string.Join(',', config.SslCaCerts?.Select(c => c.Thumbprint) ?? [])}");
}
