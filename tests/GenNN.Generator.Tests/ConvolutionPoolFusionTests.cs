using System;
using System.Linq;
using GenNN.Generator.Tests.Infrastructure;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Inference (<c>Forward</c>, and the blocks of <c>ForwardBatch</c> and <c>EvaluateBatch</c>) takes a 2-D convolution and
/// the 2×2, stride-2, unpadded max pool after it into one kernel call when the convolution's activation never
/// decreases, and only then; training keeps them apart (backward needs the convolution's output). That the call computes what the two layers compute is the kernel tests' business.
/// </summary>
public sealed class ConvolutionPoolFusionTests
{
    [Theory]
    [InlineData("[Conv2D(8, 3, Activation.ReLU)][MaxPool2D(2)]", true)]
    [InlineData("[Conv2D(8, 3)][MaxPool2D(2)]", true)]
    [InlineData("[Conv2D(8, 3, Activation.LeakyReLU)][MaxPool2D(2)]", true)]
    [InlineData("[Conv2D(8, 3, Activation.ELU)][MaxPool2D(2)]", false)]
    [InlineData("[Conv2D(8, 3, Activation.Tanh)][MaxPool2D(2)]", true)]
    [InlineData("[Conv2D(8, 3, Activation.GELU)][MaxPool2D(2)]", false)]
    [InlineData("[Conv2D(8, 3, Activation.SiLU)][MaxPool2D(2)]", false)]
    [InlineData("[Conv2D(8, 3, Activation.ReLU)][MaxPool2D(3)]", false)]
    [InlineData("[Conv2D(8, 3, Activation.ReLU)][MaxPool2D(2, Stride = 1)]", false)]
    [InlineData("[Conv2D(8, 3, Activation.ReLU)][MaxPool2D(2, PaddingSize = 1)]", false)]
    [InlineData("[Conv2D(8, 3, Activation.ReLU)][AvgPool2D(2)]", false)]
    [InlineData("[Conv2D(8, 3, Activation.ReLU)][BatchNorm][MaxPool2D(2)]", false)]
    public void Forward_fuses_a_convolution_with_the_max_pool_after_it_exactly_when_pooling_commutes_with_its_activation(string layers, bool fused)
    {
        string source = $$"""
            using GenNN;
            [Network]
            [Input(2, 12, 12)]
            {{layers}}
            [Flatten]
            [Dense(3)]
            [Loss(LossFunction.MeanSquaredError)]
            public partial class Net { }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.CompilationDiagnostics);
        string code = run.GeneratedSources.Single(generated => generated.HintName == "Net.GenNN.g.cs").SourceText.ToString();
        int fusedCalls = code.Split("ConvolutionKernel.ForwardMaxPooled<").Length - 1;
        Assert.Equal(fused ? 3 : 0, fusedCalls);
        Assert.Contains("ConvolutionKernel.Forward<", code, StringComparison.Ordinal); // training keeps the layers apart
    }
}
