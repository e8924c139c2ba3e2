namespace AutoMode.Benchmarks;

/// <summary>What `make publish-aot` showed when it was last tried by hand (the bench cannot re-derive it; update it when it changes).</summary>
internal static class NativeAotFindings
{
    public const string Markdown =
        """
        ## NativeAOT

        `make publish-aot` (`dotnet publish src/AutoMode.Operator -c Release -r linux-x64 -p:PublishAot=true`) does **not** produce
        a binary today. Tried on 2026-11-23 with SDK 10.0.401 and ILCompiler 10.0.12 (the ILCompiler packages restore from the
        mirror; compiling took 37 minutes on the shared 2-core machine). ILC ends with five errors:

        ```
        KubernetesClient.dll : error IL2104: Assembly 'KubernetesClient' produced trim warnings.
        KubernetesClient.dll : error IL3053: Assembly 'KubernetesClient' produced AOT analysis warnings.
        YamlDotNet.dll : error IL2104: Assembly 'YamlDotNet' produced trim warnings.
        YamlDotNet.dll : error IL3053: Assembly 'YamlDotNet' produced AOT analysis warnings.
        Microsoft.NETCore.Native.targets(330,5): error MSB3077: ilc ... exited with return value 0, but errors were detected during execution.
        ```

        They are warnings made errors by `TreatWarningsAsErrors` (Directory.Build.props), but they are real: both libraries
        serialize by reflection. KubernetesClient's `KubernetesJson` uses reflection-based System.Text.Json for every model (ours
        included: NodeClass, NodePool, NodeClaim, WorkloadClass), which NativeAOT disables at run time; the AOT-safe flavour,
        `KubernetesClient.Aot`, is a different package (not in Directory.Packages.props) with a reduced API. YamlDotNet's
        reflection serializer (render/validate) would need its static generator. Making the operator AOT-ready means a
        source-generated `JsonSerializerContext` for our models, the AOT client, and YamlDotNet's static context; until then
        the JIT rows above are the figures to use.

        """;
}
