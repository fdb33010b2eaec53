using GenNN.Generator.Tests.Infrastructure;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>Shape inference's diagnostics: each on the attribute or argument at fault, naming the layer and both shapes.</summary>
public sealed partial class DiagnosticsTests
{
    [Fact]
    public void GNN0020_DenseAfterImage_OnDenseAttribute()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(1, 28, 28)]
            [Conv2D(4, 3)]
            [{|GNN0020:Dense(10)|}]
            """));

        AssertMessage(run, "Layer 2 'Layer2' (Dense) cannot take an input of shape [4, 26, 26]: a dense layer reads a vector; add [Flatten] before it");
    }

    [Fact]
    public void GNN0020_Conv2DOnVector_OnConvAttribute()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(784)]
            [{|GNN0020:Conv2D(4, 3)|}]
            """));

        AssertMessage(run, "Layer 1 'Layer1' (Conv2D) cannot take an input of shape [784]: a 2-D convolution reads an image [channels, height, width]");
    }

    [Fact]
    public void GNN0020_Conv1DOnImage_AndPoolOnVector()
        => Verify(Network("""
            [Network]
            [Input(3, 8, 8)]
            [{|GNN0020:Conv1D(4, 3)|}]
            """));

    [Fact]
    public void GNN0020_GlobalAveragePoolOnVector()
        => Verify(Network("""
            [Network]
            [Input(8)]
            [{|GNN0020:GlobalAveragePool|}]
            """));

    [Theory]
    [InlineData("Input(8)", "[8]")]
    [InlineData("Input(2, 3, 4)", "[2, 3, 4]")]
    public void GNN0020_TransposeOnAnotherRank(string input, string shape)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [{{input}}]
            [{|GNN0020:Transpose|}]
            [Flatten]
            [Dense(2)]
            """));

        AssertMessage(run, $"Layer 1 'Layer1' (Transpose) cannot take an input of shape {shape}: a transpose swaps the two axes of a signal [channels, length] or a sequence [steps, features]");
    }

    [Fact]
    public void GNN0038_RecurrentLayerAfterAConvolution_OnTheRecurrentLayer()
    {
        // The LSTM would run over the 8 channels as steps; BatchNorm and an activation in between keep the order.
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(3, 16)]
            [Conv1D(8, 3)]
            [BatchNorm]
            [Activation(Activation.ReLU)]
            [{|GNN0038:Lstm(4)|}]
            [Dense(1)]
            """));

        AssertMessage(run, "Layer 4 'Layer4' (Lstm) reads [steps, features], but layer 1 'Layer1' (Conv1D) wrote [channels, length]: it would take the channels for steps; put [Transpose] between them (PyTorch's x.transpose(1, 2))");
    }

    [Theory]
    [InlineData("Conv1D(2, 2)")]
    [InlineData("MaxPool1D(2)")]
    [InlineData("GlobalAveragePool")]
    [InlineData("BatchNorm")] // would normalize each step, not each unit
    public void GNN0038_SignalLayerAfterARecurrentSequence_OnThatLayer(string layer)
        => Verify(Network($$"""
            [Network]
            [Input(6, 3)]
            [Gru(4, ReturnSequences = true)]
            [{|GNN0038:{{layer}}|}]
            [Flatten]
            [Dense(1)]
            """));

    [Fact]
    public void GNN0038_AfterATransposeTooMany_SaysToRemoveIt()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(3, 16)]
            [Conv1D(8, 3)]
            [Transpose]
            [Transpose]
            [{|GNN0038:Lstm(4)|}]
            [Dense(1)]
            """));

        Assert.EndsWith("layer 3 'Layer3' (Transpose) wrote [channels, length]: it would take the channels for steps; remove that transpose, or add another", Message(run));
    }

    [Theory]
    [InlineData("[Conv1D(8, 3)][Transpose][Lstm(4)]")]
    [InlineData("[Gru(4, ReturnSequences = true)][Transpose][Conv1D(2, 2)][Flatten]")]
    [InlineData("[Conv1D(8, 3)][Transpose][Transpose][MaxPool1D(2)][Flatten]")]
    [InlineData("[Lstm(4, ReturnSequences = true)][LayerNorm][Gru(2)]")]
    [InlineData("[Conv1D(8, 3)][BatchNorm][Transpose][Lstm(4)]")]
    [InlineData("[BatchNorm][Lstm(4)]")]
    public void LayersThatAgreeOnTheAxisOrder_Compile(string layers)
        => Assert.Single(Verify(Network($"""
            [Network]
            [Input(6, 16)]
            {layers}
            [Dense(1)]
            """)).GeneratedSources);

    [Fact]
    public void GNN0020_MaxPool2DOnSignal()
        => Verify(Network("""
            [Network]
            [Input(2, 16)]
            [{|GNN0020:MaxPool2D(2)|}]
            """));

    [Fact]
    public void GNN0021_KernelLargerThanInput_OnConvAttribute()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(1, 4, 4)]
            [{|GNN0021:Conv2D(2, 5)|}]
            """));

        AssertMessage(run, "Layer 1 'Layer1' (Conv2D) leaves no output for its input of shape [1, 4, 4]: a kernel of 5 with dilation 1 spans 5 values, more than the 4 of the padded input");
    }

    [Fact]
    public void GNN0021_DilatedKernelLargerThanPaddedInput()
        => Verify(Network("""
            [Network]
            [Input(2, 6)]
            [{|GNN0021:Conv1D(2, 3, Dilation = 4, PaddingSize = 1)|}]
            """));

    [Fact]
    public void GNN0021_PoolWindowLargerThanInput_AfterAConvShrinksIt()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(1, 5, 5)]
            [Conv2D(2, 3)]
            [{|GNN0021:MaxPool2D(4)|}]
            """));

        AssertMessage(run, "Layer 2 'Layer2' (MaxPool2D) leaves no output for its input of shape [2, 3, 3]: a window of 4 is larger than the 3 values of the padded input");
    }

    [Fact]
    public void GNN0022_ZeroStride_OnStrideArgument()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(1, 8, 8)]
            [Conv2D(2, 3, {|GNN0022:Stride = 0|})]
            """));

        AssertMessage(run, "Layer 1 'Layer1': Stride must be at least 1, but is 0");
    }

    [Fact]
    public void GNN0022_ZeroKernel_OnKernelArgument()
        => Verify(Network("""
            [Network]
            [Input(1, 8, 8)]
            [Conv2D(2, {|GNN0022:0|})]
            """));

    [Theory]
    [InlineData("[Input(3, 8, 8)]", "[Conv2D(4, 3, {|GNN0022:Groups = 2|})]", "Groups = 2 must divide both the 3 input channels and the 4 filters")]
    [InlineData("[Input(4, 8, 8)]", "[Conv2D(6, 3, {|GNN0022:Groups = 4|})]", "Groups = 4 must divide both the 4 input channels and the 6 filters")]
    public void GNN0022_GroupsNotDividingChannelsOrFilters_OnGroupsArgument(string input, string convolution, string problem)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            {{input}}
            {{convolution}}
            """));

        AssertMessage(run, "Layer 1 'Layer1': " + problem);
    }

    [Fact]
    public void GNN0022_SamePaddingWithStride_OnPaddingArgument()
        => Verify(Network("""
            [Network]
            [Input(1, 8, 8)]
            [Conv2D(2, 3, Stride = 2, {|GNN0022:Padding = Padding.Same|})]
            """));

    [Fact]
    public void GNN0022_SamePaddingAndAPaddingSize_OnPaddingSize()
        => Verify(Network("""
            [Network]
            [Input(1, 8, 8)]
            [Conv2D(2, 3, Padding = Padding.Same, {|GNN0022:PaddingSize = 1|})]
            """));

    [Fact]
    public void GNN0022_PoolPaddingOverHalfTheKernel_OnPaddingArgument()
        => Verify(Network("""
            [Network]
            [Input(1, 8, 8)]
            [AvgPool2D(2, {|GNN0022:PaddingSize = 2|})]
            """));

    [Fact]
    public void GNN0022_PoolPaddingOverHalfAnOddKernel_OnPaddingArgument()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(1, 8, 8)]
            [MaxPool2D(3, {|GNN0022:PaddingSize = 2|})]
            """));

        Assert.Contains("more than half the kernel", Assert.Single(run.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[Input(1, 2, 2)][AvgPool2D(2)][Flatten][Dense(1)]")]          // a window exactly as large as the input
    [InlineData("[Input(1, 8, 8)][MaxPool2D(3, PaddingSize = 1)][Flatten][Dense(1)]")] // padding of half the kernel, rounded down
    [InlineData("[Input(2, 8)][BatchNorm(Momentum = 0)][BatchNorm(Momentum = 1)]")] // PyTorch's whole momentum range
    public void SettingsAtTheEdgeOfTheirRange_Compile(string layers)
        => Verify(Network($$"""
            [Network]
            {{layers}}
            """));

    [Fact]
    public void GNN0022_BatchNormMomentumAboveOne_AndLayerNormDimensionsBeyondRank()
        => Verify(Network("""
            [Network]
            [Input(2, 8)]
            [BatchNorm({|GNN0022:Momentum = 1.5|})]
            [LayerNorm({|GNN0022:NormalizedDimensions = 3|})]
            """));

    [Fact]
    public void GNN0022_NonPositiveEluAlpha_OnAlphaArgument()
        => Verify(Network("""
            [Network]
            [Input(4)]
            [Dense(3, Activation.ELU, {|GNN0022:Alpha = 0|})]
            """));

    [Fact]
    public void GNN0007_SoftmaxActivationLayerNotLast_OnFunctionArgument()
        => Verify(Network("""
            [Network]
            [Input(4)]
            [Activation({|GNN0007:Activation.Softmax|})]
            [Dense(3)]
            """));

    [Fact]
    public void GNN0018_DropoutLayerLast_OnDropoutAttribute()
        => Verify(Network("""
            [Network]
            [Input(4)]
            [Dense(3)]
            [{|GNN0018:Dropout(0.5)|}]
            """));

    [Fact]
    public void GNN0018_DropoutRateOutOfRange_OnRateArgument()
        => Verify(Network("""
            [Network]
            [Input(4)]
            [Dropout({|GNN0018:1.0|})]
            [Dense(3)]
            """));

    [Fact]
    public void ARealCnnWithA32By32By64Map_ReportsNothing()
        => Verify(Network("""
            [Network(Precision.Double)]
            [Input(3, 32, 32)]
            [Conv2D(64, 3, Activation.ReLU, Padding = Padding.Same)]
            [BatchNorm]
            [MaxPool2D(2)]
            [Conv2D(64, 3, Activation.ReLU, Padding = Padding.Same)]
            [GlobalAveragePool]
            [Dense(10, Activation.Softmax)]
            [Loss(LossFunction.CrossEntropy)]
            """));

    [Fact]
    public void GNN0024_OnlyParameterlessLayers_OnNetworkAttribute()
    {
        GeneratorRun run = Verify(Network("""
            [{|GNN0024:Network|}]
            [Input(4)]
            [Activation(Activation.SiLU)]
            [Dropout(0.5)]
            [Activation(Activation.Tanh)]
            """));

        AssertMessage(run, "Network 'Net' has no trainable parameters; add a layer with weights (Dense, Conv1D, Conv2D, BatchNorm, or LayerNorm with its affine parameters)");
    }

    [Fact]
    public void GNN0020_RecurrentLayerOnVector_OnLstmAttribute()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(8)]
            [{|GNN0020:Lstm(4)|}]
            """));

        AssertMessage(run, "Layer 1 'Layer1' (Lstm) cannot take an input of shape [8]: a recurrent layer reads a sequence [steps, features]");
    }

    [Fact]
    public void GNN0020_ReturnSequencesIntoDense_OnDenseAttribute()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(5, 3)]
            [Gru(4, ReturnSequences = true)]
            [{|GNN0020:Dense(2)|}]
            """));

        AssertMessage(run, "Layer 2 'Layer2' (Dense) cannot take an input of shape [5, 4]: a dense layer reads a vector; add [Flatten] before it");
    }

    [Fact]
    public void GNN0022_SimpleRnnWithSigmoid_OnActivationArgument()
        => Verify(Network("""
            [Network]
            [Input(5, 3)]
            [SimpleRnn(4, {|GNN0022:Activation.Sigmoid|})]
            """));
}
