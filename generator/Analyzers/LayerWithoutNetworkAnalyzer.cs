using System.Collections.Immutable;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Layers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GenNN.Generator.Analyzers;

/// <summary>
/// Reports GenNN's network attributes (<c>[Input]</c>, a layer, <c>[Loss]</c>, <c>[Optimizer]</c>) on a class without
/// <c>[Network]</c> (GNN0025). The generator only looks at classes marked <c>[Network]</c>, so without this the
/// attributes would do nothing, and the user would meet a missing <c>Forward</c> instead of the cause.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LayerWithoutNetworkAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.LayerWithoutNetwork);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        ImmutableArray<AttributeData> attributes = context.Symbol.GetAttributes();
        foreach (AttributeData attribute in attributes)
        {
            if (attribute.AttributeClass?.ToDisplayString() == KnownNames.NetworkAttribute)
            {
                return;
            }
        }

        foreach (AttributeData attribute in attributes)
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            bool belongsToANetwork = name is KnownNames.InputAttribute or KnownNames.LossAttribute or KnownNames.OptimizerAttribute
                || (name is not null && LayerCatalog.ParserFor(name) is not null);
            if (belongsToANetwork && attribute.ApplicationSyntaxReference is SyntaxReference reference)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.LayerWithoutNetwork,
                    Location.Create(reference.SyntaxTree, reference.Span),
                    attribute.AttributeClass!.Name.Replace("Attribute", string.Empty),
                    context.Symbol.Name));
            }
        }
    }
}
