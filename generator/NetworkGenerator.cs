using System.Collections.Immutable;
using GenNN.Generator.Emit;
using GenNN.Generator.Helpers;
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
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, // records, to diagnose them
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
        // Hint names must be unique ignoring case. Comparing each network's name with all of them is cheap, and the
        // pair it yields stays equal when another network is added, so unrelated networks' output stays cached.
        IncrementalValueProvider<EquatableArray<string>> hintNames = specs
            .Select(static (spec, _) => spec.Type.HintName)
            .Collect()
            .Select(static (names, _) => new EquatableArray<string>(names));
        IncrementalValuesProvider<(NetworkSpec Spec, string HintName)> outputs = specs
            .Combine(hintNames)
            .Select(static (pair, _) => (pair.Left, HintNames.MakeUnique(pair.Left.Type.HintName, pair.Right)))
            .WithTrackingName(TrackingNames.Output);
        context.RegisterSourceOutput(outputs, static (production, output)
            => production.AddSource(output.HintName, NetworkEmitter.Emit(output.Spec, production.CancellationToken)));
    }
}
