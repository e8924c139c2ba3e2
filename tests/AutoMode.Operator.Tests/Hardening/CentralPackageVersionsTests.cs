using System.Text.RegularExpressions;
using System.Xml.Linq;
using AutoMode.Operator.Tests.Config;

namespace AutoMode.Operator.Tests.Hardening;

/// <summary>Dependency versions are pinned in one place (Directory.Packages.props), exactly, never per project.</summary>
public sealed partial class CentralPackageVersionsTests
{
    [Fact]
    public void Projects_ReferencePackagesWithoutVersions()
    {
        var projects = Directory.EnumerateFiles(RepoPaths.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(projects);
        var versioned = projects
            .SelectMany(p => XDocument.Load(p).Descendants().Where(e => e.Name.LocalName == "PackageReference")
                .Where(e => e.Attribute("Version") is not null || e.Attribute("VersionOverride") is not null || e.Elements().Any(c => c.Name.LocalName is "Version" or "VersionOverride"))
                .Select(e => $"{Path.GetRelativePath(RepoPaths.Root, p)}: {e.Attribute("Include")?.Value}"))
            .ToList();
        Assert.Empty(versioned);
    }

    [Fact]
    public void PackagesProps_CentralManagementOnAndEveryVersionExact()
    {
        var props = XDocument.Load(RepoPaths.Get("Directory.Packages.props"));
        var build = XDocument.Load(RepoPaths.Get("Directory.Build.props"));

        var switches = props.Descendants().Concat(build.Descendants()).Where(e => e.Name.LocalName == "ManagePackageVersionsCentrally").ToList();
        Assert.Equal("true", Assert.Single(switches).Value.Trim(), ignoreCase: true);
        var versions = props.Descendants().Where(e => e.Name.LocalName == "PackageVersion").ToList();
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.Matches(ExactVersion(), v.Attribute("Version")?.Value ?? ""));
    }

    // 1.2.3, 1.2.3.4, 1.2.3-preview.1: no ranges ([1,2), 1.*), no floating versions.
    [GeneratedRegex(@"^\d+\.\d+\.\d+(\.\d+)?(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex ExactVersion();
}
