using System.Net;
using AutoMode.Aws;
using AutoMode.Kubernetes;
using AutoMode.Kubernetes.Events;
using AutoMode.Operator.Controllers;
using k8s;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AutoMode.Operator.Hosting;

/// <summary>
/// `automode-operator run`: the long-running operator. <see cref="HealthServer"/> serves /healthz and /readyz, a Prometheus listener
/// serves /metrics, and the operator runtime runs as a hosted service until shutdown or lost leadership.
/// </summary>
internal static class RunCommand
{
    /// <param name="options">Parsed once, by the command line (Cli/RunCommand.cs); this class never reads flags.</param>
    /// <param name="stderr">Where a configuration that cannot be loaded is reported (logs go to the console logger).</param>
    public static async Task<int> RunAsync(RunOptions options, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stderr);

        // Loading the configuration (a kubeconfig parse, or the in-cluster token) is cold code: do it while the host and
        // telemetry are built. One client per process (the client leaks when built per call); the lease gets its own,
        // retry-free client so a busy or throttled main client never delays renewals.
        var clients = Task.Run(() => (
            Main: KubernetesClientFactory.Create(KubernetesClientFactory.LoadConfiguration(options.Kubeconfig)),
            Lease: KubernetesClientFactory.CreateForLeaderElection(KubernetesClientFactory.LoadConfiguration(options.Kubeconfig), TimeSpan.FromSeconds(5))));

        // The generic host without defaults: no configuration sources or web framework to load, only what is added here.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        LoggingSetup.Configure(builder.Logging, options);
        ConfigureTelemetry(builder.Services, options);

        // Resolved only when the host starts, after `clients` has been awaited below.
        IKubernetes Client() => clients.Result.Main;
        builder.Services.AddSingleton(_ => Client());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IEventRecorder>(sp => new KubernetesEventRecorder(Client(), sp.GetRequiredService<ILogger<KubernetesEventRecorder>>(), new EventRecorderOptions { ReportingInstance = options.PodName }));
        if (options.ClusterName.Length > 0)
        {
            builder.Services.AddAutoModeAws(new AwsOptions
            {
                ClusterName = options.ClusterName,
                ClusterRoleName = options.ClusterRoleName,
                Region = options.Region,
                PolicyName = options.TagPolicyName,
            });
        }

        builder.Services.AddSingleton(sp => new OperatorRuntime(
            Client(), clients.Result.Lease, options,
            sp.GetService<IIamRolePolicyApi>(), sp.GetService<IEksApi>(),
            sp.GetRequiredService<IEventRecorder>(), TimeProvider.System,
            sp.GetRequiredService<ILoggerFactory>(),
            () => sp.GetRequiredService<IHostApplicationLifetime>().StopApplication()));
        builder.Services.AddSingleton<OperatorService>();
        // Probes first: the kubelet gets "not ready" answers while the caches fill instead of refused connections.
        builder.Services.AddHostedService(sp =>
        {
            var runtime = sp.GetRequiredService<OperatorRuntime>();
            return new HealthServer(
                options.HealthPort,
                () => runtime.Health?.IsLive != false ? HealthAnswer.Ok : new HealthAnswer(HttpStatusCode.InternalServerError, "an informer crashed"),
                () => runtime.IsReady ? HealthAnswer.Ok : new HealthAnswer(HttpStatusCode.ServiceUnavailable, "caches not synced"),
                sp.GetRequiredService<ILogger<HealthServer>>());
        });
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OperatorService>());

        try
        {
            await clients;
        }
        catch (Exception error) when (error is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException or FormatException)
        {
            await stderr.WriteLineAsync("automode-operator run: cannot load the Kubernetes configuration: " + error.Message);
            return 2;
        }

        // RunAsync disposes the host (and its services) when it returns: keep the service that knows the exit code.
        var app = builder.Build();
        StartupLog.Write(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AutoMode.Operator"), options, clients.Result.Main.BaseUri, BuildInfo.Version, BuildInfo.Revision);
        var service = app.Services.GetRequiredService<OperatorService>();
        await app.RunAsync();
        return service.ExitCode;
    }

    private static void ConfigureTelemetry(IServiceCollection services, RunOptions options)
    {
        var otlp = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        // Instruments are published when created: create the build-info gauge now, before anything else touches the class.
        _ = OperatorMetrics.BuildInfoGauge;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("automode-operator", serviceVersion: BuildInfo.Version, serviceInstanceId: options.PodName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Telemetry.Name).AddRuntimeInstrumentation()
                    .AddPrometheusHttpListener(o =>
                    {
                        // The exporter builds its prefix with UriBuilder, which rejects the wildcard host "*" (the
                        // process would not start); widen the finished localhost prefix to every interface instead.
                        o.Port = options.MetricsPort;
                        o.ConfigureHttpListener = (_, listener) =>
                        {
                            var prefixes = listener.Prefixes.ToList();
                            listener.Prefixes.Clear();
                            foreach (var prefix in prefixes)
                            {
                                listener.Prefixes.Add(prefix.Replace("://localhost:", "://*:", StringComparison.Ordinal));
                            }
                        };
                    });
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(Telemetry.Name).AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
    }
}
