using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Iam;
using AutoMode.Core.Planning;
using AutoMode.Core.Serialization;

namespace AutoMode.Operator.Cli;

/// <summary>
/// `render -f ...`: the YAML of everything the operator would apply at one instant (now, or --at); nothing on stdout
/// if any input is invalid. Time matters for off-hours (limits held at zero while active) and for disruption budgets
/// written in a time zone (rendered to UTC for the offset in force then), and both are explained in comments.
/// </summary>
public static class RenderCommand
{
    public static int Run(IReadOnlyList<string> args, CliConsole console, ICliFileSystem fileSystem) =>
        Run(args, console, fileSystem, TimeProvider.System);

    public static int Run(IReadOnlyList<string> args, CliConsole console, ICliFileSystem fileSystem, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(time);
        var commandLine = CommandLine.Parse(args, acceptsPartition: true, acceptsAt: true);
        if (commandLine.Help)
        {
            console.Out.WriteLine(CliUsage.Render);
            return ExitCodes.Success;
        }

        var error = commandLine.Error
            ?? (commandLine.Files.Count == 0 ? "-f is required" : null)
            ?? (AwsPartitions.All.Contains(commandLine.Partition) ? null : $"unknown partition \"{commandLine.Partition}\": use aws, aws-cn or aws-us-gov");
        if (error is not null)
        {
            return CliUsage.Fail(console, "render", error);
        }

        var loaded = ClassInputs.Load(commandLine, fileSystem, console.In);
        foreach (var notice in loaded.Notices)
        {
            console.Error.WriteLine(notice);
        }

        var at = commandLine.At ?? time.GetUtcNow();
        var rendered = loaded.Errors.Count > 0 ? null : Render(loaded.Classes.Select(c => c.WorkloadClass), commandLine.Partition, at);
        var errors = loaded.Errors.Count > 0
            ? loaded.Errors
            : rendered!.Errors.Select(e => $"{loaded.Classes.First(c => c.WorkloadClass.Metadata.Name == e.Class).Source}: {e.Class}: {e.Path}: {e.Message}").ToList();
        // Errors and warnings in the same order as validate prints them; the summary line last.
        foreach (var line in errors.Concat(loaded.Warnings))
        {
            console.Error.WriteLine(line);
        }

        if (errors.Count > 0)
        {
            console.Error.WriteLine($"render: {errors.Count} error(s); nothing rendered");
            return ExitCodes.Failure;
        }

        if (loaded.Warnings.Count > 0)
        {
            console.Error.WriteLine($"render: {loaded.Warnings.Count} warning(s); rendered anyway");
        }

        console.Out.Write(rendered!.Yaml);
        return ExitCodes.Success;
    }

    /// <summary>The multi-document YAML for these classes, in input order, as the operator would apply it at <paramref name="at"/>.</summary>
    public static RenderOutput Render(IEnumerable<V1Alpha1WorkloadClass> classes, string partition, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var documents = new List<string>();
        var tagged = new List<string>();
        var errors = new List<RenderError>();
        foreach (var workloadClass in classes)
        {
            var name = workloadClass.Metadata.Name;
            var plan = DesiredPlanner.Plan(workloadClass, OffHoursPreview.CreatedAt(workloadClass), at);
            errors.AddRange(plan.BudgetErrors.Select(e => new RenderError(name, e.Path, e.Message)));
            var desired = plan.Desired;
            documents.Add(ManifestYaml.Serialize(desired.NodeClass));
            var comments = OffHoursPreview.Comments(workloadClass, at, plan).Concat(ReplacementPreview.Comments(workloadClass, plan));
            documents.Add(string.Concat(comments.Select(c => c + "\n")) + ManifestYaml.Serialize(desired.NodePool));
            if (desired.RequiresTagPolicy)
            {
                tagged.Add(name);
            }
        }

        if (tagged.Count > 0)
        {
            var policy = TagPropagationPolicy.Create(partition);
            documents.Add(
                $"# IAM inline policy \"{TagPropagationPolicy.DefaultPolicyName}\" for the cluster IAM role (EKS DescribeCluster roleArn).\n"
                + "# NOT a Kubernetes object: the operator puts it on the role with iam:PutRolePolicy, because these\n"
                + $"# WorkloadClasses set tags: {string.Join(", ", tagged)}. Partition: {partition}.\n"
                + policy.ToIndentedJson() + "\n");
        }

        return new RenderOutput(ManifestYaml.JoinDocuments(documents), errors);
    }
}
