using System.Globalization;
using System.Text;
using AutoMode.Core.Iam;
using AutoMode.Core.Validation;

namespace AutoMode.Operator.Hosting;

/// <summary>
/// Settings of <c>automode-operator run</c>. Each has a flag and an environment variable; a flag wins over the
/// environment, the environment over the default. <see cref="Usage"/> is generated from the same table, so
/// <c>run --help</c> documents every one.
/// </summary>
internal sealed record RunOptions
{
    public string? Kubeconfig { get; init; }
    public string ClusterName { get; init; } = "";
    public string? ClusterRoleName { get; init; }
    public string? Region { get; init; }
    public bool ManageIam { get; init; } = true;
    public bool KeepTagPolicy { get; init; }
    public string TagPolicyName { get; init; } = TagPropagationPolicy.DefaultPolicyName;
    public TimeSpan IamPropagationDelay { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan IamResync { get; init; } = TimeSpan.FromMinutes(5);
    public bool CreateAccessEntries { get; init; }
    public bool LeaderElect { get; init; } = true;
    public string LeaderElectionNamespace { get; init; } = "automode-system";
    public string LeaderElectionId { get; init; } = "automode-operator-leader";
    public int Workers { get; init; } = 4;
    public TimeSpan Resync { get; init; } = TimeSpan.FromMinutes(10);
    public int HealthPort { get; init; } = 8081;
    public int MetricsPort { get; init; } = 8080;
    public string PodName { get; init; } = Environment.MachineName;
    public string? NodeName { get; init; }
    public string LogFormat { get; init; } = "json";
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    private static readonly Option[] Options =
    [
        new("kubeconfig", "KUBECONFIG", "PATH", "kubeconfig file; in-cluster configuration when unset and running in a pod", (o, v) => o with { Kubeconfig = v }),
        new("cluster-name", "AUTOMODE_CLUSTER_NAME", "NAME", "EKS cluster name; enables the IAM tag-propagation policy management and checks (empty: off)", (o, v) => o with { ClusterName = v }),
        new("cluster-role-name", "AUTOMODE_CLUSTER_ROLE_NAME", "NAME", "cluster IAM role name; default: the roleArn that EKS DescribeCluster reports", (o, v) => o with { ClusterRoleName = v }),
        new("region", "AWS_REGION", "REGION", "AWS region (also AWS_DEFAULT_REGION, the shared config, or instance metadata)", (o, v) => o with { Region = v }),
        new("manage-iam", "AUTOMODE_MANAGE_IAM", "BOOL", "true: attach/restore/remove the tag-propagation inline policy; false: only verify and report (default true)", (o, v) => o with { ManageIam = Bool(v) }),
        new("keep-tag-policy", "AUTOMODE_KEEP_TAG_POLICY", "BOOL", "keep the inline policy when no WorkloadClass has tags any more (default false)", (o, v) => o with { KeepTagPolicy = Bool(v) }),
        new("tag-policy-name", "AUTOMODE_TAG_POLICY_NAME", "NAME", "name of the one inline policy the operator manages (default automode-operator-tag-propagation)", (o, v) => o with { TagPolicyName = v }),
        new("iam-propagation-delay", "AUTOMODE_IAM_PROPAGATION_DELAY", "DURATION", "wait after the policy is read back before applying a tagged NodeClass; IAM is eventually consistent (default 15s)", (o, v) => o with { IamPropagationDelay = Duration(v) }),
        new("iam-resync", "AUTOMODE_IAM_RESYNC", "DURATION", "how often the inline policy is re-read to find drift (default 5m)", (o, v) => o with { IamResync = Duration(v) }),
        new("create-access-entries", "AUTOMODE_CREATE_ACCESS_ENTRIES", "BOOL", "create a missing EKS access entry (type EC2 + AmazonEKSAutoNodePolicy) for a class's custom node role; default false: only check and report", (o, v) => o with { CreateAccessEntries = Bool(v) }),
        new("leader-elect", "AUTOMODE_LEADER_ELECT", "BOOL", "run controllers only while holding the Lease (default true)", (o, v) => o with { LeaderElect = Bool(v) }),
        new("leader-election-namespace", "POD_NAMESPACE", "NAMESPACE", "namespace of the leader-election Lease (default automode-system)", (o, v) => o with { LeaderElectionNamespace = v }),
        new("leader-election-id", "AUTOMODE_LEADER_ELECTION_ID", "NAME", "name of the Lease (default automode-operator-leader)", (o, v) => o with { LeaderElectionId = v }),
        new("workers", "AUTOMODE_WORKERS", "N", "parallel reconciles of WorkloadClasses (default 4)", (o, v) => o with { Workers = Int(v) }),
        new("resync", "AUTOMODE_RESYNC", "DURATION", "full resync of the caches: every object is reconciled again without an API call (default 10m)", (o, v) => o with { Resync = Duration(v) }),
        new("health-port", "AUTOMODE_HEALTH_PORT", "PORT", "port of /healthz and /readyz (default 8081)", (o, v) => o with { HealthPort = Int(v) }),
        new("metrics-port", "AUTOMODE_METRICS_PORT", "PORT", "port of the Prometheus /metrics endpoint (default 8080)", (o, v) => o with { MetricsPort = Int(v) }),
        new("pod-name", "POD_NAME", "NAME", "this replica's identity in the Lease (downward API; default: host name)", (o, v) => o with { PodName = v }),
        new("node-name", "NODE_NAME", "NAME", "node this replica runs on (downward API); off-hours drains never take it down", (o, v) => o with { NodeName = v }),
        new("log-format", "AUTOMODE_LOG_FORMAT", "json|text", "structured JSON logs (default) or plain text; both with UTC timestamps", (o, v) => o with { LogFormat = v is "json" or "text" ? v : throw new FormatException("expected json or text") }),
        new("log-level", "AUTOMODE_LOG_LEVEL", "LEVEL", "debug, info (default), warn or error; stack traces of retried failures are logged at debug", (o, v) => o with { LogLevel = Level(v) }),
    ];

    /// <summary>Parses flags over environment over defaults. Errors name the flag or variable and the bad value.</summary>
    public static RunOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var options = new RunOptions();
        foreach (var option in Options)
        {
            if (environment(option.Environment) is { Length: > 0 } value)
            {
                options = Apply(options, option, value, "$" + option.Environment, problems);
            }
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add($"unexpected argument '{arg}'");
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[2..equals] : arg[2..];
            var option = Options.FirstOrDefault(o => o.Name == name);
            if (option is null)
            {
                problems.Add($"unknown flag --{name}");
                continue;
            }

            string value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (option.Placeholder == "BOOL" && (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                value = "true";
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                problems.Add($"--{name} needs a value ({option.Placeholder})");
                continue;
            }

            options = Apply(options, option, value, "--" + name, problems);
        }

        errors = problems;
        return options;
    }

    public static string Usage()
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: automode-operator run [flags]");
        text.AppendLine();
        text.AppendLine("Runs the operator: watches WorkloadClasses and reconciles NodeClasses, NodePools, the cluster role's");
        text.AppendLine("tag-propagation policy and off-hours schedules. Every flag can also be set by the environment variable shown.");
        text.AppendLine();
        foreach (var option in Options)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  --{option.Name} {option.Placeholder}  (${option.Environment})");
            text.AppendLine(CultureInfo.InvariantCulture, $"      {option.Help}");
        }

        text.AppendLine();
        text.AppendLine("Other environment variables:");
        text.AppendLine("  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE, AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (IRSA),");
        text.AppendLine("  AWS_CONTAINER_CREDENTIALS_FULL_URI (EKS Pod Identity): the standard AWS credential chain.");
        text.AppendLine("  AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL_EKS: send IAM/EKS calls to another endpoint.");
        text.AppendLine("  OTEL_EXPORTER_OTLP_ENDPOINT: also export traces and metrics over OTLP.");
        text.AppendLine();
        text.AppendLine("Durations are Go-style: 30s, 5m, 1h30m.");
        return text.ToString();
    }

    private static RunOptions Apply(RunOptions options, Option option, string value, string source, List<string> problems)
    {
        try
        {
            return option.Set(options, value);
        }
        catch (FormatException error)
        {
            problems.Add($"{source}: '{value}' is not a valid {option.Placeholder}: {error.Message}");
            return options;
        }
    }

    private static bool Bool(string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new FormatException("expected true or false"),
    };

    private static LogLevel Level(string value) => value.ToLowerInvariant() switch
    {
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => throw new FormatException("expected debug, info, warn or error"),
    };

    private static int Int(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new FormatException("expected a positive whole number");

    private static TimeSpan Duration(string value) =>
        KubeDuration.TryParse(value, out var duration) ? duration : throw new FormatException("expected a duration such as 30s, 5m or 1h30m");

    private sealed record Option(string Name, string Environment, string Placeholder, string Help, Func<RunOptions, string, RunOptions> Set);
}
