using GenNN.Generator.Tests.Infrastructure;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// The size limit (GNN0016) where a size is a product of several settings: each is computed in 64 bits and reported
/// on the layer before the spec computes it in 32, where it would wrap around and slip past the limit (found by a
/// review that gave every setting its extreme values: the generator threw, accepted networks whose generated code did
/// not compile, or reported the wrong diagnostic).
/// </summary>
public sealed partial class DiagnosticsTests
{
    [Fact]
    public void GNN0016_OneDenseLayerOverTheFloatLimit_OnTheLayer()
    {
        // 16 Mi weights: more than 32 MiB of floats, reported on the layer (it was on [Network]: the layer's check
        // compared a count of values with the limit in bytes).
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(4096)]
            [{|GNN0016:Dense(4096)|}]
            """));

        AssertMessage(run, "The network is too large: layer 1 would have 16781312 parameters, more than 32 MiB of floats a parameter buffer may take");
    }

    [Theory]
    [InlineData("[Network]", "Dense(8)")] // 1,048,575 · 8 + 8 = 8 Mi parameters: 32 MiB of floats, the layer's limit
    [InlineData("[Network(Precision.Double)]", "Dense(4)")] // 4 Mi parameters: 32 MiB of doubles, the network's limit
    public void ParametersExactlyAtTheLimit_AreAccepted(string network, string layer)
        => Verify(Network($$"""
            {{network}}
            [Input(1048575)]
            [{{layer}}]
            """));

    [Fact]
    public void GNN0016_BidirectionalStatesCountBothDirections_OnTheLayer()
    {
        // 2 directions · 10^6 steps · (50 + 6·50) saved values: 700,000,000, over the limit; one direction's would not be.
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(1000000, 1)]
            [{|GNN0016:Lstm(50, Bidirectional = true)|}]
            """));

        AssertMessage(run, "The network is too large: layer 1 would have 700000000 state values per sample, more than 2048 MiB of floats its states may take");
    }

    [Theory]
    [InlineData("[Input(1, 1)]", "Lstm(536870912)")] // 4 gates · 2^29 units wrap to 0
    [InlineData("[Input(2, 3)]", "Gru(800000000)")]
    [InlineData("[Input(1, 1)]", "Gru(715827883)")]
    [InlineData("[Input(2, 3)]", "Lstm(1073741824)")] // was GNN0024, "no parameters"
    [InlineData("[Input(2, 3)]", "SimpleRnn(1073741824, Bidirectional = true)")] // said -2147483648 outputs
    public void GNN0016_RecurrentUnitsBeyondTheLimit_OnTheLayer(string input, string layer)
        => Verify(Network($$"""
            [Network]
            {{input}}
            [{|GNN0016:{{layer}}|}]
            """));

    [Fact]
    public void GNN0016_RecurrentStatesOverALongSequence_OnTheLayer()
    {
        // 613,567 steps · 7,000 values wrapped to 13,708 and passed the limit.
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(613567, 1)]
            [{|GNN0016:Lstm(1000)|}]
            [Dense(1)]
            [Loss(LossFunction.MeanSquaredError)]
            """));

        AssertMessage(run, "The network is too large: layer 1 would have 4294969000 state values per sample, more than 2048 MiB of floats its states may take");
    }

    [Fact]
    public void AnInferenceOnlyLstmOverALongSequence_Compiles()
    {
        // 8.96 M state values (36 MB) in its working memory: over what training keeps per sample, under inference's limit.
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(10000, 16)]
            [Lstm(128)]
            [Dense(1)]
            """));

        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void GNN0016_TheSameLstmTrained_OnNetworkAttribute()
        => Verify(Network("""
            [{|GNN0016:Network|}]
            [Input(10000, 16)]
            [Lstm(128)]
            [Dense(1)]
            [Loss(LossFunction.MeanSquaredError)]
            """));

    [Theory]
    [InlineData("Conv1D(1, 1, PaddingSize = int.MaxValue)")] // accepted; Forward threw in the kernel
    [InlineData("Conv1D(1, 1, PaddingSize = 1073741824)")] // accepted; its generated constants overflowed (CS0220)
    [InlineData("Conv1D(1, 3, Padding = Padding.Same, Dilation = 1073741824)")]
    public void GNN0016_PaddedInputBeyondTheLimit_OnTheLayer(string layer)
        => Verify(Network($$"""
            [Network]
            [Input(1, 10)]
            [{|GNN0016:{{layer}}|}]
            """));

    [Fact]
    public void GNN0016_ConvolutionOutputsBeyondTheLimit_OnTheLayer()
        => Verify(Network("""
            [Network]
            [Input(1, 3000, 3000)]
            [{|GNN0016:Conv2D(1, 3, Padding = Padding.Same)|}]
            """));

    [Fact]
    public void GNN0016_StridedConvolutionsUnfoldedPatches_OnTheLayer()
    {
        // 61,504 values per patch at 38,025 positions wrapped to a negative scratch length (CS0103 in the generated
        // code); at 300 × 300, 1.1 billion values were accepted.
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(64, 420, 420)]
            [{|GNN0016:Conv2D(1, 31, Stride = 2)|}]
            [Flatten]
            [Dense(1)]
            """));

        AssertMessage(run, "The network is too large: layer 1 would have 2338751105 values of working memory, more than 128 MiB of floats a layer's working memory may take");
    }

    [Fact]
    public void GNN0016_WorkingMemoryOverTheLimitInDouble_OnNetworkAttribute()
    {
        // 1,152 values per patch at 16,129 positions (+ its table): 18,581,761 values, under the limit in float,
        // 148,654,088 bytes in double.
        GeneratorRun run = Verify(Network("""
            [{|GNN0016:Network(Precision.Double)|}]
            [Input(128, 256, 256)]
            [Conv2D(1, 3, Stride = 2)]
            [GlobalAveragePool]
            [Dense(1)]
            """));

        AssertMessage(run, "The network is too large: a layer's working memory for one call (a strided convolution's unfolded patches, a recurrent layer's states) takes 148654088 bytes; at most 128 MiB are supported");
    }

    [Fact]
    public void GNN0016_LayerOutputsOverflowingTheirSum_OnTheLayer()
        => Verify(Network("""
            [Network]
            [Input(1, 46340, 46340)]
            [{|GNN0016:BatchNorm|}]
            [BatchNorm]
            """));

    [Fact]
    public void GNN0021_DilatedKernelBeyond32Bits_StatesItsTrueSpan()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(2, 6)]
            [{|GNN0021:Conv1D(2, 3, Dilation = 1073741824)|}]
            """));

        AssertMessage(run, "Layer 1 'Layer1' (Conv1D) leaves no output for its input of shape [2, 6]: a kernel of 3 with dilation 1073741824 spans 2147483649 values, more than the 6 of the padded input");
    }

    [Fact]
    public void GNN0023_InputTooLarge_IsTheOnlyDiagnostic()
        // The layers used to be checked against a stand-in [1] input, and each reported it as the wrong shape.
        => Verify(Network("""
            [Network]
            [{|GNN0023:Input(1, 100000, 100000)|}]
            [AvgPool2D(50000)]
            [Conv2D(2, 3)]
            [Flatten]
            [Dense(2)]
            """));
}
