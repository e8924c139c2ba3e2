using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoMode.Operator.Tests.Architecture;

/// <summary>
/// Issue 14: no cycle between the folders (namespaces) of src/AutoMode.Operator. A cycle means neither folder can be
/// read, changed or moved without the other; every reference must point one way.
/// </summary>
public sealed class FolderCycleTests
{
    [Fact]
    public void OperatorFolders_ReferenceEachOtherOneWayOnly()
    {
        var references = NamespaceReferences.Collect(OperatorSources.Compile());

        var cycles = NamespaceCycles.Find(references);

        Assert.True(cycles.Count == 0, "Folder cycles in src/AutoMode.Operator:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void OperatorFiles_DeclareTheNamespaceOfTheirFolder()
    {
        // The cycle test checks namespaces; this keeps them equal to the folders a reader sees.
        var project = Config.RepoPaths.Get("src", "AutoMode.Operator");
        var misplaced = OperatorSources.Compile().SyntaxTrees
            .Where(t => t.FilePath.StartsWith(project, StringComparison.Ordinal))
            .Select(t => (File: Path.GetRelativePath(project, t.FilePath), Declared: t.GetRoot().DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Select(n => n.Name.ToString()).ToList()))
            .Select(f => (f.File, f.Declared, Expected: string.Join('.', ["AutoMode.Operator", .. Path.GetDirectoryName(f.File)!.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)])))
            .Where(f => f.Declared.Count != 1 || f.Declared[0] != f.Expected)
            .Select(f => $"{f.File}: declares [{string.Join(", ", f.Declared)}], its folder is {f.Expected}")
            .ToList();

        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
    }

    [Fact]
    public void OperatorSources_BindAndReachAcrossFolders()
    {
        // Guards the test above against passing because it saw nothing: known one-way edges must be found.
        var references = NamespaceReferences.Collect(OperatorSources.Compile());

        Assert.Contains(references, r => r.From == "AutoMode.Operator.Hosting" && r.To == "AutoMode.Operator.Controllers.WorkloadClasses");
        Assert.Contains(references, r => r.From == "AutoMode.Operator.Controllers.AccessEntries" && r.To == "AutoMode.Operator.Controllers.Gates");
    }

    [Fact]
    public void Fixture_CycleWithoutUsings_IsReportedWithItsReferences()
    {
        // Parent.Child names Marker of its enclosing namespace bare, and Parent reaches Child.Worker through a
        // member: no using anywhere, so only binding sees either edge.
        var compilation = Fixture(
            """
            namespace Fixture.Parent
            {
                public sealed class Marker
                {
                    public static int Count(Child.Worker worker) => worker.Size;
                }
            }
            """,
            """
            namespace Fixture.Parent.Child
            {
                public sealed class Worker
                {
                    public int Size => 1;

                    public Marker? Last { get; set; }
                }
            }
            """,
            """
            namespace Fixture.Parent.Sibling
            {
                public sealed class Reader
                {
                    public Child.Worker Worker { get; } = new();
                }
            }
            """);

        var cycles = NamespaceCycles.Find(NamespaceReferences.Collect(compilation));

        var cycle = Assert.Single(cycles);
        Assert.StartsWith("cycle: Fixture.Parent -> Fixture.Parent.Child -> Fixture.Parent", cycle, StringComparison.Ordinal);
        Assert.Contains("Marker -> Worker (Source0.cs:5)", cycle, StringComparison.Ordinal);
        Assert.Contains("Worker -> Marker (Source1.cs:7)", cycle, StringComparison.Ordinal);
        Assert.DoesNotContain("Sibling", cycle, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixture_OneWayReferences_AreNoCycle()
    {
        var compilation = Fixture(
            "namespace Fixture.Low { public sealed class Base { } }",
            "namespace Fixture.High { public sealed class Top { public Low.Base? Below { get; set; } } }");

        var references = NamespaceReferences.Collect(compilation);

        Assert.Single(references);
        Assert.Empty(NamespaceCycles.Find(references));
    }

    [Fact]
    public void Fixture_UnboundName_FailsInsteadOfMissingTheEdge()
    {
        var compilation = Fixture("namespace Fixture.Broken { public sealed class Holder { public Missing.Type? Value { get; set; } } }");

        Assert.Throws<InvalidOperationException>(() => NamespaceReferences.Collect(compilation));
    }

    private static CSharpCompilation Fixture(params string[] sources) =>
        OperatorSources.Create(
            "Fixture",
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, OperatorSources.Options, $"Source{i}.cs")),
            OperatorSources.References());
}
