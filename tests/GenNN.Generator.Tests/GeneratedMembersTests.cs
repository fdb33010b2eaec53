using System.Collections.Generic;
using System.Linq;
using GenNN.Generator.Emit;
using GenNN.Generator.Model;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// <see cref="GeneratedMembers"/> against the code the emitter writes: the parser's clash check (GNN0017) trusts it,
/// so every name it says a network gets must be declared, every declared name must be in it, and every generated
/// method must have a signature it lists.
/// </summary>
public class GeneratedMembersTests
{
    [Theory]
    [InlineData("[Input(4)][Dense(2)]")]
    [InlineData("[Input(4)][Dense(3, Dropout = 0.5)][BatchNorm][Dense(1)][Loss(LossFunction.MeanSquaredError)]")]
    [InlineData("[Input(4, 2)][Lstm(3)][Dense(2)][Loss(LossFunction.MeanSquaredError)]")]
    [InlineData("[Input(4, 2)][Gru(3, ReturnSequences = true)][Gru(2)][Dense(1)]")]
    [InlineData("[Input(4, 2)][Gru(3, Bidirectional = true)][Dense(1)][Loss(LossFunction.MeanSquaredError)]")]
    [InlineData("[Input(1, 8, 8)][Conv2D(4, 3)][MaxPool2D(2)][Flatten][Dense(20000, Dropout = 0.1)][Dense(2, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]")]
    public void TheNamesANetworkGets_AreTheNamesItsCodeDeclares(string layers)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using GenNN;

            namespace Demo;

            [Network]
            {{layers}}
            public partial class Net { }
            """);
        Assert.Empty(run.CompilationDiagnostics);
        NetworkSpec spec = (NetworkSpec)Assert.Single(run.Result.Results.Single().TrackedSteps[TrackingNames.NetworkSpec].SelectMany(step => step.Outputs)).Value;
        INamedTypeSymbol type = run.Output.GetTypeByMetadataName("Demo.Net")!;
        ISymbol[] declared = type.GetMembers()
            .Where(member => !member.IsImplicitlyDeclared
                && member is not IMethodSymbol { MethodKind: not MethodKind.Ordinary }
                && member is not IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 })
            .ToArray();
        var names = new HashSet<string>(declared.Select(member => member.Name));

        // Compared as lists of the names missing on either side, which a failure then shows.
        string[] ofNetwork = GeneratedMembers.Of(spec).ToArray();
        Assert.Equal(System.Array.Empty<string>(), ofNetwork.Where(name => !names.Contains(name)));
        var expected = new HashSet<string>(ofNetwork.Concat(spec.Layers.SelectMany(GeneratedMembers.OfLayer)));
        Assert.Equal(System.Array.Empty<string>(), names.Where(name => !expected.Contains(name)));

        Assert.Equal(
            GeneratedMembers.MethodsOf(spec).Select(method => method.Signature).OrderBy(signature => signature, System.StringComparer.Ordinal),
            declared.OfType<IMethodSymbol>().Select(method => Signature(method, type)).OrderBy(signature => signature, System.StringComparer.Ordinal));
    }

    /// <summary>A declared method written as <see cref="GeneratedMethod.Signature"/> writes it.</summary>
    private static string Signature(IMethodSymbol method, INamedTypeSymbol type)
        => $"{method.Name}({string.Join(", ", method.Parameters.Select(parameter => (parameter.RefKind == RefKind.None ? string.Empty : "ref ") + (SymbolEqualityComparer.Default.Equals(parameter.Type.ContainingType, type) ? parameter.Type.Name : parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)) + " " + parameter.Name))})";
}
