using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoMode.Operator.Tests.Architecture;

/// <summary>
/// Every reference from a type of the compiled sources to a type of another namespace of the same sources, as the
/// compiler binds it. Binding (not text) sees what needs no using: a type of an enclosing namespace named bare, a
/// sibling namespace named relative to the common parent, a member reached through a property, a `var` or a
/// target-typed `new()`, and extension methods.
/// </summary>
internal static class NamespaceReferences
{
    /// <summary>Errors that mean a name was not bound; with any of them the graph would silently miss edges.</summary>
    private static readonly HashSet<string> UnboundNames = ["CS0103", "CS0234", "CS0246", "CS0400", "CS0518"];

    public static IReadOnlyList<TypeReference> Collect(CSharpCompilation compilation)
    {
        var unbound = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && UnboundNames.Contains(d.Id))
            .Take(10)
            .ToList();
        if (unbound.Count > 0)
        {
            throw new InvalidOperationException("The sources did not bind, so references would be missed:\n" + string.Join("\n", unbound));
        }

        var references = new List<TypeReference>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is not (SimpleNameSyntax or ImplicitObjectCreationExpressionSyntax) ||
                    node.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is not { } declaration ||
                    model.GetDeclaredSymbol(declaration) is not { } fromType)
                {
                    continue;
                }

                var info = model.GetSymbolInfo(node);
                if (TypeOf(info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is not { } toType ||
                    !SymbolEqualityComparer.Default.Equals(toType.ContainingAssembly, compilation.Assembly))
                {
                    continue;
                }

                var from = fromType.ContainingNamespace.ToDisplayString();
                var to = toType.ContainingNamespace.ToDisplayString();
                if (from != to)
                {
                    var line = tree.GetLineSpan(node.Span).StartLinePosition.Line + 1;
                    references.Add(new TypeReference(from, to, Outermost(fromType).Name, Outermost(toType).Name, $"{Path.GetFileName(tree.FilePath)}:{line}"));
                }
            }
        }

        return references;
    }

    private static INamedTypeSymbol? TypeOf(ISymbol? symbol) => symbol switch
    {
        INamedTypeSymbol type => type.OriginalDefinition,
        IMethodSymbol { ReducedFrom: { } extension } => extension.ContainingType,
        IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol => symbol.ContainingType?.OriginalDefinition,
        _ => null,
    };

    private static INamedTypeSymbol Outermost(INamedTypeSymbol type)
    {
        while (type.ContainingType is { } outer)
        {
            type = outer;
        }

        return type;
    }
}
