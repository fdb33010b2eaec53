using System.Collections.Immutable;
using System.Linq;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Emit;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using GenNN.Generator.Weights;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
        // [SkipLocalsInit] needs unsafe code allowed: a bool, so a compilation that changes anything else leaves it equal.
        IncrementalValueProvider<bool> allowsUnsafe = context.CompilationProvider
            .Select(static (compilation, _) => compilation.Options is CSharpCompilationOptions { AllowUnsafe: true });
        IncrementalValuesProvider<(NetworkSpec Spec, string HintName)> outputs = specs
            .Combine(hintNames)
            .Combine(allowsUnsafe)
            .Select(static (pair, _) => (pair.Left.Left with { SkipsLocalsInit = pair.Right }, HintNames.MakeUnique(pair.Left.Left.Type.HintName, pair.Left.Right)))
            .WithTrackingName(TrackingNames.Output);
        context.RegisterSourceOutput(outputs, static (production, output)
            => production.AddSource(output.HintName, NetworkEmitter.Emit(output.Spec, production.CancellationToken)));

        InitializeWeights(context, parsed, outputs);
    }

    /// <summary>
    /// Compiled-in weights (<c>[Network(Weights = "...")]</c>): the project's weights files (encoded as text by
    /// GenNN.targets), each network paired with the one it names by a cheap step, then bound to the topology by an
    /// expensive one, whose input compares files by content hash, so editing one network's file re-runs only that
    /// network's binding and its <c>.Weights.g.cs</c>. The problems found travel without locations and meet the
    /// <c>Weights = ...</c> argument's location only in a report-only output, as the parser's diagnostics do.
    /// </summary>
    private static void InitializeWeights(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<ParseResult> parsed,
        IncrementalValuesProvider<(NetworkSpec Spec, string HintName)> outputs)
    {
        IncrementalValueProvider<EquatableArray<WeightsFile>> files = context.AdditionalTextsProvider
            .Where(static text => WeightsFileText.IsWeightsItem(text.Path))
            .Select(static (text, cancellationToken) => WeightsFileText.Read(text, cancellationToken))
            .Collect()
            .Select(static (all, _) => new EquatableArray<WeightsFile>(all))
            .WithTrackingName(TrackingNames.WeightsFiles);

        IncrementalValuesProvider<BoundWeights> bound = outputs
            .Where(static output => output.Spec.WeightsPath is not null)
            .Combine(files)
            .Select(static (pair, _) => WeightsRequest.Pick(pair.Left.Spec, pair.Left.HintName, pair.Right))
            .WithTrackingName(TrackingNames.WeightsRequest)
            .Select(static (request, cancellationToken) => WeightsBinder.Bind(request, cancellationToken))
            .WithTrackingName(TrackingNames.BoundWeights);
        context.RegisterSourceOutput(bound, static (production, weights) =>
        {
            if (weights.Problems.Count == 0)
            {
                production.AddSource(WeightsHintName(weights.HintName), NetworkEmitter.EmitWeights(weights, production.CancellationToken));
            }
        });

        IncrementalValueProvider<ImmutableArray<(string HintName, EquatableArray<WeightsProblem> Problems)>> problems = bound
            .Select(static (weights, _) => (weights.Spec.Type.HintName, weights.Problems))
            .Collect();
        IncrementalValuesProvider<(string HintName, Location Location)> locations = parsed
            .Where(static result => result.Spec?.WeightsPath is not null && result.WeightsLocation is not null)
            .Select(static (result, _) => (result.Spec!.Type.HintName, result.WeightsLocation!));
        context.RegisterSourceOutput(locations.Combine(problems), static (production, pair) =>
        {
            foreach ((string hintName, EquatableArray<WeightsProblem> found) in pair.Right)
            {
                if (hintName != pair.Left.HintName)
                {
                    continue;
                }

                foreach (WeightsProblem problem in found)
                {
                    production.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.Weights(problem.Id), pair.Left.Location, problem.Arguments.ToArray<object>()));
                }
            }
        });
    }

    /// <summary><c>Demo.Net.GenNN.g.cs</c> gives <c>Demo.Net.GenNN.Weights.g.cs</c>.</summary>
    private static string WeightsHintName(string hintName) => hintName.Substring(0, hintName.Length - ".g.cs".Length) + ".Weights.g.cs";
}
