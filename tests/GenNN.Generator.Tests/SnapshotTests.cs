using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GenNN.Generator.Emit;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers.Dense;
using GenNN.Generator.Layers.Dropout;
using GenNN.Generator.Model;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Baselines of the generated code, in <c>Snapshots/</c>. A failing test writes <c>*.received.cs</c>: review the
/// difference, then rename it to <c>*.verified.cs</c> or re-run with <c>GENNN_ACCEPT_SNAPSHOTS=1</c>.
/// Every snapshot must also compile without a warning, so a baseline never blesses broken code.
/// </summary>
public class SnapshotTests
{
    [Fact]
    public void Xor()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using GenNN;

            namespace Demo;

            [Network(Seed = 1)]
            [Input(2)]
            [Dense(16, Activation.Tanh)]
            [Dense(16, Activation.Tanh)]
            [Dense(1, Activation.Sigmoid)]
            [Loss(LossFunction.BinaryCrossEntropy)]
            public partial class XorNet { }
            """);

        AssertCompilesCleanly(run);
        // The 16-wide layers take the SIMD kernels; the single-output layer is unrolled.
        Assert.Equal(
            new[] { DenseCodeStrategy.Vectorized, DenseCodeStrategy.Vectorized, DenseCodeStrategy.Unrolled },
            SpecsOf(run).Single().Layers.Cast<DenseLayerSpec>().Select(layer => layer.Strategy));
        Snapshot.VerifyGeneratedSources(run);
    }

    [Fact]
    public void MnistClassifier()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using GenNN;

            namespace Demo.Vision
            {
                [Network(Seed = 42)]
                [Input(784)]
                [Dense(128, Activation.ReLU, Name = "hidden")]
                [Dense(10, Activation.Softmax)]
                [Loss(LossFunction.CrossEntropy)]
                public partial class MnistNet { }
            }
            """);

        AssertCompilesCleanly(run);
        Assert.All(SpecsOf(run).Single().Layers.Cast<DenseLayerSpec>(), layer => Assert.Equal(DenseCodeStrategy.Vectorized, layer.Strategy));
        Snapshot.VerifyGeneratedSources(run);
    }

    [Fact]
    public void DoubleRegressionNestedInPartialClass()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using GenNN;

            namespace Demo.Regression;

            public static partial class Models
            {
                [Network(Precision.Double, Seed = 7)]
                [Input(3)]
                [Dense(8, Activation.LeakyReLU, NegativeSlope = 0.2)]
                [Dense(1, Activation.Identity)]
                [Loss(LossFunction.MeanSquaredError)]
                public partial class Regressor { }
            }
            """);

        AssertCompilesCleanly(run);
        Snapshot.VerifyGeneratedSources(run);
    }

    [Fact]
    public void InferenceOnlyInGlobalNamespace()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using GenNN;

            [Network]
            [Input(4)]
            [Dense(3, Activation.Sigmoid)]
            [Dense(2, Activation.Tanh)]
            public partial class Scorer { }
            """);

        AssertCompilesCleanly(run);
        Snapshot.VerifyGeneratedSources(run);
    }

    /// <summary>
    /// A small CNN with every pass kind in it: convolution with a fused activation, BatchNorm (state buffers, per-block
    /// statistics), max pooling, a free Flatten, GELU as a layer of its own, dropout, and the softmax head.
    /// </summary>
    [Fact]
    public void SmallCnn()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using GenNN;

            namespace Demo.Vision;

            [Network(Seed = 3)]
            [Input(1, 8, 8)]
            [Conv2D(4, 3, Activation.ReLU, PaddingSize = 1)]
            [BatchNorm]
            [MaxPool2D(2)]
            [Flatten]
            [Dense(8, Activation.GELU, Dropout = 0.25)]
            [Dense(3, Activation.Softmax)]
            [Loss(LossFunction.CrossEntropy)]
            public partial class TinyCnn { }
            """);

        AssertCompilesCleanly(run);
        Snapshot.VerifyGeneratedSources(run);
    }

    /// <summary>
    /// A LeNet-style CNN whose inference takes each convolution and the max pool after it as one call
    /// (<c>ConvolutionKernel.ForwardMaxPooled</c>) in <c>Forward</c>, <c>ForwardBatch</c> and <c>EvaluateBatch</c>,
    /// while training keeps them apart.
    /// </summary>
    [Fact]
    public void ConvolutionPoolPairs()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using GenNN;

            namespace Demo.Vision;

            [Network(Seed = 4)]
            [Input(1, 12, 12)]
            [Conv2D(8, 3, Activation.ReLU)]
            [MaxPool2D(2)]
            [Conv2D(16, 3, Activation.ReLU)]
            [MaxPool2D(2)]
            [Flatten]
            [Dense(3, Activation.Softmax)]
            [Loss(LossFunction.CrossEntropy)]
            public partial class LeNetLike { }
            """);

        AssertCompilesCleanly(run);
        Snapshot.VerifyGeneratedSources(run);
    }

    /// <summary>
    /// The Emitter alone, from a spec built by hand: a class nested in a struct, a wide layer forced to the unrolled
    /// form and a narrow one forced to the vectorized form (the parser would choose the opposite), an optimizer and
    /// dropout. The text must still compile against a matching declaration.
    /// </summary>
    [Fact]
    public void EmitterFromHandBuiltSpec()
    {
        var spec = new NetworkSpec(
            new TypeHierarchySpec(
                "Handmade",
                "TinyNet",
                new EquatableArray<ContainingTypeSpec>(ImmutableArray.Create(new ContainingTypeSpec("struct", "Outer"))),
                HintName: "Handmade.Outer.TinyNet.GenNN.g.cs"),
            NumericType.Single,
            Seed: -3,
            TensorShape.Of(2),
            new EquatableArray<LayerSpec>(ImmutableArray.Create<LayerSpec>(
                new DenseLayerSpec("Encoder", 2, 5, new ActivationSpec(ActivationKind.ReLU, 0), DenseCodeStrategy.Unrolled, BatchesInputGradient: false),
                new DropoutLayerSpec("EncoderDropout", TensorShape.Of(5), 0.25),
                new DenseLayerSpec("Head", 5, 2, new ActivationSpec(ActivationKind.Sigmoid, 0), DenseCodeStrategy.Vectorized, BatchesInputGradient: true))),
            LossKind.MeanSquaredError,
            new OptimizerSpec("RMSprop", new EquatableArray<OptimizerSetting>(ImmutableArray.Create(new OptimizerSetting("Momentum", "0.5"), new OptimizerSetting("Centered", "true")))),
            EmitConstructors: true);

        string text = NetworkEmitter.Emit(spec, CancellationToken.None);

        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(["namespace Handmade { partial struct Outer { partial class TinyNet { } } }"])
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions(), path: spec.Type.HintName));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Snapshot.VerifySource(spec.Type.HintName, text);
    }

    private static void AssertCompilesCleanly(GeneratorRun run)
    {
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }

    private static NetworkSpec[] SpecsOf(GeneratorRun run)
        => run.Result.Results.Single().TrackedSteps[TrackingNames.NetworkSpec]
            .SelectMany(step => step.Outputs)
            .Select(output => (NetworkSpec)output.Value)
            .ToArray();
}
