using System.Linq;
using GenNN.Generator.Layers.Dense;
using GenNN.Generator.Model;
using GenNN.Generator.Tests.Infrastructure;
using GenNN.Kernels;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Training's input gradient of a dense layer: for the whole block over transposed weights where the layer is small
/// enough, sample by sample where it is larger, and not at all for the first layer. (That both forms compute the
/// same gradients is the integration tests' business: batch gradients against per-sample ones, every vector width.)
/// </summary>
public sealed class DenseInputGradientTests
{
    [Theory]
    [InlineData(5, 2)]
    [InlineData(128, 10)]
    [InlineData(64, 64)]
    public void The_layer_s_block_scratch_is_the_kernel_s(int inputs, int units)
    {
        var layer = new DenseLayerSpec("Dense", inputs, units, ActivationSpec.Identity, DenseCodeStrategy.Vectorized, BatchesInputGradient: true);

        ScratchRegion region = Assert.Single(layer.Scratch);
        Assert.Equal(ScratchScope.TrainingBlock, region.Scope);
        Assert.Equal(DenseBatchKernel.InputGradientScratchLength(inputs, units), region.Length);
    }

    [Fact]
    public void Layers_up_to_the_limit_batch_their_input_gradient_and_larger_ones_run_sample_by_sample()
    {
        // 16 × 1024 weights exactly, then one input more; the first layer needs no input gradient at all.
        const string Source = """
            using GenNN;
            [Network]
            [Input(64)]
            [Dense(16, Activation.ReLU)]
            [Dense(1024, Activation.ReLU, Name = "AtLimit")]
            [Dense(17, Activation.ReLU, Name = "AboveLimit")]
            [Dense(4)]
            [Loss(LossFunction.MeanSquaredError)]
            public partial class Net { }
            """;
        Assert.Equal(16 * 1024, DenseLayerParser.MaxBatchedInputGradientWeights);

        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Empty(run.CompilationDiagnostics);
        string code = run.GeneratedSources.Single(source => source.HintName == "Net.GenNN.g.cs").SourceText.ToString();
        Assert.DoesNotContain("InputGradients<float>(wLayer1", code, System.StringComparison.Ordinal);
        Assert.Contains("DenseBatchKernel.InputGradients<float>(wAtLimit, AtLimitSize", code, System.StringComparison.Ordinal);
        Assert.Contains("DenseKernel.InputGradient<float>(wAboveLimit, dz, dx)", code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("InputGradients<float>(wAboveLimit", code, System.StringComparison.Ordinal);
        Assert.Contains("DenseBatchKernel.InputGradients<float>(wLayer4, Layer4Size", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_dense_layer_reading_the_network_input_through_a_flatten_gets_no_input_gradient_scratch()
    {
        const string Source = """
            using GenNN;
            [Network]
            [Input(2, 3)]
            [Flatten]
            [Dense(8, Activation.ReLU)]
            [Dense(4)]
            [Loss(LossFunction.MeanSquaredError)]
            public partial class Net { }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Empty(run.CompilationDiagnostics);
        string code = run.GeneratedSources.Single(source => source.HintName == "Net.GenNN.g.cs").SourceText.ToString();
        Assert.DoesNotContain("Layer2InputGradientLength", code, System.StringComparison.Ordinal);
        Assert.Contains("DenseBatchKernel.InputGradients<float>(wLayer3, Layer3Size", code, System.StringComparison.Ordinal);
    }
}
