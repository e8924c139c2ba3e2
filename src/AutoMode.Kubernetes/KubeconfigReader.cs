using k8s;
using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace AutoMode.Kubernetes;

/// <summary>
/// Builds a client configuration from a kubeconfig file, parsing it with a deserializer that knows only the kubeconfig
/// types. The client's own reader (<c>KubernetesYaml</c>) first maps every Kubernetes model type in its assembly: about
/// 0.3 s of a cold start, before the first request (make bench's start-up figure; about 0.05 s here). Only the parse
/// differs: the client still turns the model into a configuration (context, certificates, exec plugins, relative paths
/// against the file's directory), and a file this reader cannot parse goes to the client's reader, whose errors users
/// know.
/// </summary>
internal static class KubeconfigReader
{
    // Every kubeconfig property of the client's model carries its YAML name; fields it does not model are skipped, as
    // the client's reader skips them.
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    public static KubernetesClientConfiguration BuildConfiguration(string path)
    {
        var model = TryRead(path);
        if (model is null)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        }

        // As the client's reader does: paths inside the file are relative to its directory.
        model.FileName = Path.GetFullPath(path);
        return KubernetesClientConfiguration.BuildConfigFromConfigObject(model);
    }

    /// <summary>The parsed file, or null when it is missing or not YAML this reader can map (the client then reads it).</summary>
    internal static K8SConfiguration? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return Deserializer.Deserialize<K8SConfiguration?>(File.ReadAllText(path));
        }
        catch (YamlException)
        {
            return null;
        }
    }
}
