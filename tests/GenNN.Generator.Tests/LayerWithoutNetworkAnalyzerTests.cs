using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using GenNN.Generator.Analyzers;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>GNN0025: GenNN's network attributes on a class without <c>[Network]</c> are reported on each attribute.</summary>
public sealed class LayerWithoutNetworkAnalyzerTests
{
    [Fact]
    public async Task Attributes_without_Network_are_reported_at_each_attribute()
    {
        Diagnostic[] diagnostics = await Analyze("""
            using GenNN;

            [Input(2)]
            [Conv1D(2, 1)]
            [Dense(1)]
            [Loss(LossFunction.MeanSquaredError)]
            public partial class Forgotten { }
            """);

        Assert.Equal(
            new[] { "GNN0025 (3,2): Input", "GNN0025 (4,2): Conv1D", "GNN0025 (5,2): Dense", "GNN0025 (6,2): Loss" },
            diagnostics.Select(d => $"{d.Id} ({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}): {d.GetMessage().Split(']')[0].TrimStart('[')}"));
        Assert.Equal("[Dense] on 'Forgotten' does nothing: the class has no [Network] attribute, so no network is generated for it; add [Network]", diagnostics[2].GetMessage());
    }

    [Fact]
    public async Task A_network_and_unrelated_attributes_are_not_reported()
    {
        Diagnostic[] diagnostics = await Analyze("""
            using System;
            using GenNN;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net { }

            [Serializable]
            public class Plain { }
            """);

        Assert.Empty(diagnostics);
    }

    private static async Task<Diagnostic[]> Analyze(string source)
    {
        Compilation compilation = GeneratorHarness.CreateCompilation([source]);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LayerWithoutNetworkAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
    }
}
