using System.Reflection;
using System.Runtime.InteropServices;

namespace AutoMode.Operator;

/// <summary>
/// Which build this is: the version stamped at build time (Directory.Build.props VersionPrefix, or -p:Version from
/// `make image VERSION=...`) and the commit the SDK appends to the informational version ("0.1.0+&lt;sha&gt;").
/// Shown by `automode-operator version`, the start-up log line and automode_operator_build_info on /metrics.
/// </summary>
internal static class BuildInfo
{
    private static readonly string Informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The SemVer version without build metadata, e.g. 0.1.0 or 0.1.0-dev.g1a2b3c4.</summary>
    public static string Version { get; } = Informational.Split('+')[0];

    /// <summary>The source commit, or "unknown" when the build had no git metadata (no REVISION passed to the image build).</summary>
    public static string Revision { get; } = Informational.Split('+') is [_, var sha, ..] && sha.Length > 0 ? sha : "unknown";

    /// <summary>One line for people and scripts: the version is the second word.</summary>
    public static string Describe() =>
        $"automode-operator {Version} (commit {Revision}, .NET {Environment.Version}, {RuntimeInformation.RuntimeIdentifier})";
}
