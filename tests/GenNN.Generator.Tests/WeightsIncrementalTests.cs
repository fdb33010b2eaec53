using System.Collections.Immutable;
using System.Linq;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static GenNN.Generator.Tests.Infrastructure.WeightsFiles;

namespace GenNN.Generator.Tests;

/// <summary>
/// The caching of compiled-in weights: an unrelated C# edit re-runs no weights step and no output; editing one
/// network's weights file re-binds and re-emits only that network's weights, and leaves every network's own source
/// (which only knows that weights exist) alone; the pipeline's weights models compare by content hash.
/// </summary>
public sealed class WeightsIncrementalTests
{
    /// <summary>A network <c>[Input(2)] [Dense(3, ReLU)] [Dense(1)]</c> compiling in <paramref name="weights"/>.</summary>
    public static string NetworkWithWeights(string name, string weights) => $$"""
        using GenNN;

        namespace Demo;

        [Network(Weights = "{{weights}}")] [Input(2)] [Dense(3, Activation.ReLU)] [Dense(1)]
        public partial class {{name}} { }
        """;

    /// <summary>The encoded weights file of <see cref="NetworkWithWeights"/>, its values multiplied by <paramref name="scale"/>.</summary>
    public static AdditionalText WeightsFor(string path, float scale)
        => Encoded(path, Safetensors(
            F32("0.weight", new[] { 3, 2 }, Enumerable.Range(1, 6).Select(i => i * scale).ToArray()),
            F32("0.bias", new[] { 3 }),
            F32("2.weight", new[] { 1, 3 }),
            F32("2.bias", new[] { 1 })));

    [Fact]
    public void UnrelatedCSharpEdit_ReRunsNoWeightsStep()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, _) = Run();

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; public static class Unrelated { }", GeneratorHarness.ParseOptions(), path: "Unrelated.cs")));

        foreach (string step in new[] { TrackingNames.WeightsFiles, TrackingNames.WeightsRequest, TrackingNames.BoundWeights })
        {
            Assert.All(driver.Reasons(step), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        Assert.All(driver.AllSourceOutputReasons(), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void EditingOneWeightsFile_ReEmitsOnlyThatNetworksWeights()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, AdditionalText a) = Run();
        var before = driver.GeneratedTexts().ToDictionary(source => source.HintName, source => source.Text);

        driver = driver.ReplaceAdditionalText(a, WeightsFor("a.safetensors", scale: 2)).RunGenerators(compilation);

        // The chosen files: A's changed, B's did not, so only A is bound again.
        Assert.Equal(new[] { IncrementalStepRunReason.Modified, IncrementalStepRunReason.Unchanged }, driver.Reasons(TrackingNames.WeightsRequest));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached }, driver.Reasons(TrackingNames.BoundWeights));
        var after = driver.GeneratedTexts().ToDictionary(source => source.HintName, source => source.Text);
        Assert.Equal(
            new[] { "Demo.A.GenNN.Weights.g.cs" },
            after.Keys.Where(hint => before[hint] != after[hint]).ToArray());
        // Of every source output (networks, weights, diagnostics), only A's weights ran again.
        Assert.Single(driver.AllSourceOutputReasons(), reason => reason != IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void SameWeightsContent_ComparesEqual_WithoutComparingValues()
    {
        (GeneratorDriver first, _, _) = Run();
        (GeneratorDriver second, _, _) = Run();

        object[] left = first.Values<object>(TrackingNames.BoundWeights);
        object[] right = second.Values<object>(TrackingNames.BoundWeights);
        Assert.Equal(left, right);
        Assert.NotSame(left[0], right[0]);
        Assert.Empty(ObjectGraph.FindRoslynObjects(left));
    }

    /// <summary>Networks A and B, each with its own weights file; returns A's file too, for tests that edit it.</summary>
    private static (GeneratorDriver Driver, CSharpCompilation Compilation, AdditionalText A) Run()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { NetworkWithWeights("A", "a.safetensors"), NetworkWithWeights("B", "b.safetensors") });
        AdditionalText a = WeightsFor("a.safetensors", scale: 1);
        GeneratorDriver driver = GeneratorHarness.CreateDriver()
            .AddAdditionalTexts(ImmutableArray.Create(a, WeightsFor("b.safetensors", scale: 1)))
            .RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        return (driver, compilation, a);
    }
}
