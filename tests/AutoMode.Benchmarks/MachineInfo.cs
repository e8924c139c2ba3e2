using System.Globalization;
using System.Runtime.InteropServices;

namespace AutoMode.Benchmarks;

/// <summary>The machine a run was taken on.</summary>
internal static class MachineInfo
{
    public static IReadOnlyList<(string Name, string Value)> Describe(TimeProvider time)
    {
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?["MemTotal:".Length..].Trim()
            : null;
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return
        [
            ("Date (UTC)", time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            ("Processors (nproc)", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) + (cpu is null ? "" : $" ({cpu})")),
            ("Memory", memory ?? "unknown"),
            ("OS", RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture),
            (".NET", RuntimeInformation.FrameworkDescription + $", {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC in the bench process"),
        ];
    }
}
