namespace AutoMode.Operator.Cli;

internal static class CliUsage
{
    /// <summary>A wrong command line: the error and a one-line hint, not the whole help (it would bury the error).</summary>
    public static int Fail(CliConsole console, string command, string error)
    {
        console.Error.WriteLine($"error: {error}");
        console.Error.WriteLine($"Run 'automode-operator {command} --help' for usage.");
        return ExitCodes.Usage;
    }

    public const string Root = """
        automode-operator: declarative EKS Auto Mode node classes (WorkloadClass, automode.io/v1alpha1).

        Usage:
          automode-operator <command> [options]

        Commands:
          render     Print the NodeClass, NodePool (and IAM policy) the operator would apply, as YAML. No cluster needed.
          validate   Check WorkloadClass files and print every error. No cluster needed.
          import     Turn NodeClass + NodePool YAML into WorkloadClasses (one per NodePool). No cluster needed.
          run        Run the operator in a cluster.
          version    Print the version, commit and .NET runtime.

        Options:
          -h, --help   Show help. `automode-operator <command> --help` shows a command's options.
        """;

    public const string Render = """
        Print everything the operator would apply for each WorkloadClass, as multi-document YAML:
        a NodeClass (eks.amazonaws.com/v1) and a NodePool (karpenter.sh/v1) per class, and, when any class sets tags,
        the IAM inline policy for the cluster role as a separate, commented document (it is not a Kubernetes object).
        Invalid input prints the validation errors to stderr and exits 1.
        Output depends on the time: while off-hours is active a NodePool carries limits cpu "0", memory "0", and a
        disruption budget written in a time zone is rendered to UTC for the offset in force. Comments before each
        NodePool say so (off-hours state and next transitions in the class's zone; UTC budgets and until when they hold).

        Usage:
          automode-operator render -f <file|dir|-> [-f ...] [-R] [--partition aws|aws-cn|aws-us-gov] [--at <RFC3339>]

        Options:
          -f, --filename   A YAML file, a directory (its *.yaml/*.yml files) or - for stdin. Repeatable.
          -R, --recursive  Also read the subdirectories of directories (without it they are skipped, with a notice).
          --partition      AWS partition used in the IAM policy's ARNs. Default: aws.
          --at             Render as at this instant, e.g. 2026-11-24T19:30:00+09:00. Default: now.
          -h, --help       Show this help.
        """;

    public const string Validate = """
        Validate WorkloadClass files and print every error of every document as `<source>: <name>: <path>: <message>`
        (structural errors such as unknown fields and wrong types together with the rule checks), then warnings for
        contradictions that can never take effect as `<source>: <name>: warning: <path>: <message>`.
        Input with no WorkloadClass at all (an empty file or pipe) is an error.
        Exits 1 if there is any error (with --strict, also any warning), 0 otherwise.

        Usage:
          automode-operator validate -f <file|dir|-> [-f ...] [-R] [--strict]

        Options:
          -f, --filename   A YAML file, a directory (its *.yaml/*.yml files) or - for stdin. Repeatable.
          -R, --recursive  Also read the subdirectories of directories (without it they are skipped, with a notice).
          --strict         Warnings fail the run too.
          -h, --help       Show this help.
        """;

    public const string Import = """
        Turn hand-written EKS Auto Mode NodeClasses (eks.amazonaws.com/v1) and NodePools (karpenter.sh/v1) into
        WorkloadClasses: one per NodePool, named after it, with its NodeClass's settings (a NodeClass used by several
        NodePools gives several classes with the same node settings). AWS's built-ins (NodePools system and
        general-purpose, NodeClass default) are skipped. Each class is rendered back and compared with its input:
        a field it cannot reproduce exactly is a lossy note. A comment header lists the notes.
        Exits 1 on unreadable input, a NodePool whose NodeClass is not in the input, no NodePool at all, or any lossy
        note (then nothing is printed on stdout and the notes go to stderr) unless --allow-lossy.

        Usage:
          automode-operator import -f <file|dir|-> [-f ...] [-R] [--allow-lossy]
          automode-operator import --from-cluster [--allow-lossy]

        Options:
          -f, --filename   A YAML file, a directory (its *.yaml/*.yml files) or - for stdin. Repeatable.
          -R, --recursive  Also read the subdirectories of directories (without it they are skipped, with a notice).
          --from-cluster   Read every NodeClass and NodePool of the cluster in KUBECONFIG (then ~/.kube/config) instead.
          --allow-lossy    Print the classes even when they cannot reproduce the input exactly.
          -h, --help       Show this help.
        """;

    public const string Run = """
        Usage:
          automode-operator run [flags]    (automode-operator run --help lists every flag)
        """;
}
