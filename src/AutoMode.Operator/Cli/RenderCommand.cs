using AutoMode.Core.Desired;
using AutoMode.Core.Iam;
using AutoMode.Core.Serialization;

namespace AutoMode.Operator.Cli;

/// <summary>`render -f ...`: the YAML of everything the operator would apply; nothing on stdout if any input is invalid.</summary>
public static class RenderCommand
{
    public static int Run(IReadOnlyList<string> args, CliConsole console, ICliFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(console);
        var commandLine = CommandLine.Parse(args, acceptsPartition: true);
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
            console.Error.WriteLine($"error: {error}");
            console.Error.WriteLine(CliUsage.Render);
            return ExitCodes.Usage;
        }

        var loaded = ClassInputs.Load(commandLine, fileSystem, console.In);
        if (loaded.Errors.Count > 0)
        {
            foreach (var line in loaded.Errors)
            {
                console.Error.WriteLine(line);
            }

            console.Error.WriteLine($"render: {loaded.Errors.Count} error(s); nothing rendered");
            return ExitCodes.Failure;
        }

        console.Out.Write(Render(loaded.Classes.Select(c => c.WorkloadClass), commandLine.Partition));
        return ExitCodes.Success;
    }

    /// <summary>The multi-document YAML for these classes, in input order.</summary>
    public static string Render(IEnumerable<Core.Api.V1Alpha1.V1Alpha1WorkloadClass> classes, string partition)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var documents = new List<string>();
        var tagged = new List<string>();
        foreach (var workloadClass in classes)
        {
            var desired = DesiredStateRenderer.Render(workloadClass, RenderContext.Default);
            documents.Add(ManifestYaml.Serialize(desired.NodeClass));
            documents.Add(ManifestYaml.Serialize(desired.NodePool));
            if (desired.RequiresTagPolicy)
            {
                tagged.Add(workloadClass.Metadata.Name);
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

        return ManifestYaml.JoinDocuments(documents);
    }
}
