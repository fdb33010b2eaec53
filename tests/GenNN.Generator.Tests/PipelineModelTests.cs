using System.Linq;
using GenNN.Generator.Model;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// The pipeline model that caching rests on: a <see cref="NetworkSpec"/> holds plain values only, and two parses of
/// the same network compare equal (with equal hash codes) even from unrelated compilations.
/// </summary>
public class PipelineModelTests
{
    /// <summary>Networks that between them use every part of the model: namespaces, nesting, names, precisions, losses.</summary>
    private static readonly string[] Networks =
    [
        """
        using GenNN;
        namespace Demo;
        [Network(Seed = 1)]
        [Input(2)]
        [Dense(16, Activation.Tanh)]
        [Dense(1, Activation.Sigmoid)]
        [Loss(LossFunction.BinaryCrossEntropy)]
        public partial class XorNet { }
        """,
        """
        using GenNN;
        namespace Demo.Nested;
        public partial class Outer
        {
            public partial struct Middle
            {
                [Network(Precision.Double)]
                [Input(300)]
                [Dense(20, Activation.LeakyReLU, NegativeSlope = 0.2, Name = "hidden")]
                [Dense(3, Activation.Softmax)]
                [Loss(LossFunction.CrossEntropy)]
                public partial class Inner { }
            }
        }
        """,
        """
        using GenNN;
        [Network]
        [Input(4)]
        [Dense(2)]
        public partial class GlobalInference { }
        """,
    ];

    [Fact]
    public void SpecsHoldNoRoslynObjects()
    {
        NetworkSpec[] specs = Parse(Networks);

        Assert.Equal(Networks.Length, specs.Length);
        foreach (NetworkSpec spec in specs)
        {
            Assert.Empty(ObjectGraph.FindRoslynObjects(spec, spec.Type.Name));
        }
    }

    /// <summary>Guards the test above: the walk does find a Roslyn object hidden a few fields deep.</summary>
    [Fact]
    public void ObjectGraphWalkFindsRoslynObjects()
    {
        ParsedNetwork parsed = ParseWithCompilation(Networks[0]);
        var tainted = new { parsed.Spec, Holder = new[] { parsed.Compilation.SyntaxTrees.Single().GetRoot().GetLocation() } };

        string found = Assert.Single(ObjectGraph.FindRoslynObjects(tainted));

        Assert.StartsWith("root.Holder[0]: Location", found, System.StringComparison.Ordinal);
    }

    [Fact]
    public void EqualSourcesGiveEqualSpecsWithEqualHashCodes()
    {
        NetworkSpec[] first = Parse(Networks);
        NetworkSpec[] second = Parse(Networks);

        for (int i = 0; i < first.Length; i++)
        {
            Assert.NotSame(first[i], second[i]);
            Assert.Null(ObjectGraph.FirstDifference(first[i], second[i]));
            Assert.Equal(first[i], second[i]);
            Assert.Equal(first[i].GetHashCode(), second[i].GetHashCode());
        }
    }

    /// <summary>Positions stay out of the model: moving a network down its file, among other code, changes nothing.</summary>
    [Fact]
    public void MovingTheDeclarationGivesAnEqualSpec()
    {
        string moved = Networks[0].Replace(
            "namespace Demo;",
            "namespace Demo;\n\n// A comment, and a class before the network.\ninternal static class Before { public static int Value => 1; }\n",
            System.StringComparison.Ordinal);

        Assert.Equal(Parse(Networks[0]).Single(), Parse(moved).Single());
    }

    [Fact]
    public void ADifferentLayerSizeGivesAnUnequalSpec()
    {
        NetworkSpec original = Parse(Networks[0]).Single();
        NetworkSpec resized = Parse(Networks[0].Replace("Dense(16,", "Dense(17,", System.StringComparison.Ordinal)).Single();

        Assert.NotEqual(original, resized);
        Assert.Equal("root.Layers._items[0].Units: 16 (Int32) vs 17 (Int32)", ObjectGraph.FirstDifference(original, resized));
    }

    /// <summary>The specs the pipeline produced for <paramref name="sources"/>, from a fresh compilation and driver.</summary>
    private static NetworkSpec[] Parse(params string[] sources)
        => sources.Select(source => ParseWithCompilation(source).Spec).ToArray();

    private static ParsedNetwork ParseWithCompilation(string source)
    {
        Compilation compilation = GeneratorHarness.CreateCompilation([source]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        return new ParsedNetwork(compilation, driver.Values<NetworkSpec>(TrackingNames.NetworkSpec).Single());
    }

    private sealed record ParsedNetwork(Compilation Compilation, NetworkSpec Spec);
}
