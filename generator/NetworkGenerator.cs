using System.Collections.Immutable;
using GenNN.Generator.Emit;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNN.Generator;

/// <summary>
/// The GenNN source generator: for each class marked <c>[Network]</c>, parse its attributes into a
/// <see cref="NetworkSpec"/> (<see cref="NetworkParser"/>) and write its implementation (<see cref="NetworkEmitter"/>).
/// This file only wires the pipeline.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.NetworkAttribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (attributeContext, cancellationToken) => NetworkParser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.ParseResult);

        // Diagnostics travel apart from the spec: they hold locations, which change on every edit, while the spec
        // compares by value, so the emit step below re-runs only when a network's structure changes.
        IncrementalValuesProvider<ImmutableArray<Diagnostic>> diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (production, found) =>
        {
            foreach (Diagnostic diagnostic in found)
            {
                production.ReportDiagnostic(diagnostic);
            }
        });

        IncrementalValuesProvider<NetworkSpec> specs = parsed
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.NetworkSpec);
        context.RegisterSourceOutput(specs, static (production, spec)
            => production.AddSource(spec.Type.HintName, NetworkEmitter.Emit(spec, production.CancellationToken)));
    }
}
