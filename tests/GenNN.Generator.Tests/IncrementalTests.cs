using System.Collections.Immutable;
using System.Linq;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// The pipeline's caching, read from its tracked steps: an edit that leaves a network's structure alone must not
/// regenerate its source. A FAWMN transform (<see cref="TrackingNames.ParseResult"/>) re-runs on every compilation
/// and reports <c>Unchanged</c> when its result is equal, so no test expects <c>Cached</c> from it.
/// </summary>
public class IncrementalTests
{
    private const string NetworkFile = """
        using GenNN;

        namespace Demo;

        [Network(Seed = 3)]
        [Input(4)]
        [Dense(8, Activation.ReLU)]
        [Dense(2, Activation.Sigmoid)]
        [Loss(LossFunction.BinaryCrossEntropy)]
        public partial class Classifier
        {
            public int Twice(int value)
            {
                return value * 2;
            }
        }
        """;

    [Fact]
    public void SameInputTwiceIsCachedThroughout()
    {
        // A second network with compiled-in weights, so the weights steps run too.
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(
            new[] { NetworkFile, WeightsIncrementalTests.NetworkWithWeights("Scorer", "scorer.safetensors") },
            ImmutableArray.Create(WeightsIncrementalTests.WeightsFor("scorer.safetensors", scale: 1)));

        driver = driver.RunGenerators(compilation.Clone());

        foreach (string step in TrackedSteps.AllNames)
        {
            Assert.NotEmpty(driver.Reasons(step));
            Assert.All(driver.Reasons(step), reason => AssertCachedOrUnchanged(reason, step));
        }

        Assert.NotEmpty(driver.AllSourceOutputReasons());
        Assert.All(driver.AllSourceOutputReasons(), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void AddingAnUnrelatedFileKeepsTheSpecAndItsSource()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(NetworkFile);
        var before = driver.GeneratedTexts();

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Parse("namespace Demo; public static class Unrelated { public static int One() => 1; }", "Unrelated.cs")));

        Assert.All(driver.Reasons(TrackingNames.NetworkSpec), reason => AssertCachedOrUnchanged(reason, TrackingNames.NetworkSpec));
        Assert.All(driver.SourceOutputReasons(TrackingNames.NetworkSpec), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Equal(before, driver.GeneratedTexts());
    }

    [Fact]
    public void EditingAMethodBodyInTheNetworksFileKeepsTheSpec()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(NetworkFile);
        var before = driver.GeneratedTexts();

        driver = driver.RunGenerators(ReplaceNetworkFile(compilation, NetworkFile.Replace("return value * 2;", "return value + value;")));

        Assert.Equal([IncrementalStepRunReason.Unchanged], driver.Reasons(TrackingNames.ParseResult));
        Assert.All(driver.Reasons(TrackingNames.NetworkSpec), reason => AssertCachedOrUnchanged(reason, TrackingNames.NetworkSpec));
        Assert.All(driver.SourceOutputReasons(TrackingNames.NetworkSpec), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Equal(before, driver.GeneratedTexts());
    }

    [Fact]
    public void ChangingALayerSizeModifiesTheSpecAndRegenerates()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(NetworkFile);
        var before = driver.GeneratedTexts();

        driver = driver.RunGenerators(ReplaceNetworkFile(compilation, NetworkFile.Replace("[Dense(8, Activation.ReLU)]", "[Dense(12, Activation.ReLU)]")));

        Assert.Equal([IncrementalStepRunReason.Modified], driver.Reasons(TrackingNames.NetworkSpec));
        Assert.Equal([IncrementalStepRunReason.Modified], driver.SourceOutputReasons(TrackingNames.NetworkSpec));
        Assert.Equal(12, driver.Values<Model.NetworkSpec>(TrackingNames.NetworkSpec).Single().Layers[0].OutputSize);
        Assert.NotEqual(before, driver.GeneratedTexts());
    }

    /// <summary>A change to the first layer alone (its shapes and the other layers unchanged) still makes the spec unequal: the layer list compares every element.</summary>
    [Fact]
    public void ChangingOnlyTheFirstLayersActivationModifiesTheSpecAndRegenerates()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(NetworkFile);
        var before = driver.GeneratedTexts();

        driver = driver.RunGenerators(ReplaceNetworkFile(compilation, NetworkFile.Replace("[Dense(8, Activation.ReLU)]", "[Dense(8, Activation.Tanh)]")));

        Assert.Equal([IncrementalStepRunReason.Modified], driver.Reasons(TrackingNames.NetworkSpec));
        Assert.NotEqual(before, driver.GeneratedTexts());
    }

    [Fact]
    public void AddingASecondNetworkAddsOneOutputAndKeepsTheFirst()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(NetworkFile);
        var before = driver.GeneratedTexts().Single();

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Parse(
            """
            using GenNN;

            namespace Demo;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Second { }
            """,
            "Second.cs")));

        IncrementalStepRunReason[] reasons = driver.Reasons(TrackingNames.NetworkSpec);
        Assert.Equal(2, reasons.Length);
        Assert.Single(reasons, IncrementalStepRunReason.New);
        AssertCachedOrUnchanged(reasons.Single(reason => reason != IncrementalStepRunReason.New), TrackingNames.NetworkSpec);
        IncrementalStepRunReason[] outputs = driver.SourceOutputReasons(TrackingNames.NetworkSpec);
        Assert.Equal(2, outputs.Length);
        Assert.Single(outputs, IncrementalStepRunReason.New);
        Assert.Single(outputs, IncrementalStepRunReason.Cached);
        Assert.Contains(before, driver.GeneratedTexts());
        Assert.Equal(2, driver.GeneratedTexts().Length);
    }

    /// <summary>Runs the generator once over <paramref name="sources"/>; returns the driver, which remembers the run, and the compilation.</summary>
    private static (GeneratorDriver Driver, CSharpCompilation Compilation) RunOnce(params string[] sources)
        => RunOnce(sources, ImmutableArray<AdditionalText>.Empty);

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) RunOnce(string[] sources, ImmutableArray<AdditionalText> additionalFiles)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(sources);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().AddAdditionalTexts(additionalFiles).RunGenerators(compilation);
        Assert.All(driver.Reasons(TrackingNames.NetworkSpec), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
        Assert.Empty(driver.GetRunResult().Diagnostics);
        return (driver, compilation);
    }

    /// <summary>Replaces the first file (the network's, as <see cref="RunOnce"/> created it) with <paramref name="text"/>.</summary>
    private static CSharpCompilation ReplaceNetworkFile(CSharpCompilation compilation, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees.First();
        Assert.NotEqual(old.ToString(), text);
        return compilation.ReplaceSyntaxTree(old, Parse(text, old.FilePath));
    }

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions(), path: path);

    private static void AssertCachedOrUnchanged(IncrementalStepRunReason reason, string step)
        => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"Step '{step}' ran with reason {reason}; expected Cached or Unchanged.");
}
