using System;
using GenNN.Kernels;
using Xunit;

namespace GenNN.Tests.Kernels;

/// <summary>The parts of the kernels' contract that TorchSharp cannot check: cases torch refuses, and skipped input gradients.</summary>
public sealed class KernelContractTests
{
    /// <summary>
    /// One value per channel (one sample, <c>spatial = 1</c>): torch refuses to train on it; the kernel normalizes
    /// every value to 0 (so the output is β) and moves the running variance towards the biased variance, 0.
    /// </summary>
    [Fact]
    public void Batch_norm_on_a_single_value_per_channel_uses_the_biased_variance()
    {
        double[] input = [2.5, -1, 7];
        double[] beta = [0.25, -0.5, 1];
        double[] runningMean = [1, 2, 3];
        double[] runningVariance = [4, 5, 6];
        double[] output = new double[3], mean = new double[3], inverseStd = new double[3];
        BatchNormKernel.TrainingForward(3, 1, 1, input, 3, [1.5, 2, 3], beta, output, 3, mean, inverseStd, runningMean, runningVariance, 0.25, 1e-5);

        Assert.Equal(beta, output);
        Assert.Equal(input, mean);
        Assert.Equal([1 / Math.Sqrt(1e-5), 1 / Math.Sqrt(1e-5), 1 / Math.Sqrt(1e-5)], inverseStd);
        Assert.Equal([(0.75 * 1) + (0.25 * 2.5), (0.75 * 2) + (0.25 * -1), (0.75 * 3) + (0.25 * 7)], runningMean);
        Assert.Equal([0.75 * 4, 0.75 * 5, 0.75 * 6], runningVariance);
    }

    /// <summary>An empty input gradient skips that work only: the parameter gradients come out bit for bit the same.</summary>
    [Theory]
    [InlineData(5, 6)]
    [InlineData(11, 1)]
    public void Batch_norm_without_input_gradients_adds_the_same_parameter_gradients(int channels, int spatial)
    {
        const int count = 4;
        int length = channels * spatial;
        var random = new Random(channels);
        double[] inputs = KernelData.Uniform(random, count * length), outputGradients = KernelData.Uniform(random, count * length);
        double[] gamma = KernelData.Uniform(random, channels), beta = KernelData.Uniform(random, channels);
        double[] mean = new double[channels], inverseStd = new double[channels];
        BatchNormKernel.TrainingForward(
            channels, spatial, count, inputs, length, gamma, beta, new double[count * length], length, mean, inverseStd, new double[channels], new double[channels], 0.1, 1e-5);

        double[] gammaGradient = KernelData.Uniform(random, channels), betaGradient = KernelData.Uniform(random, channels);
        double[] skippedGammaGradient = (double[])gammaGradient.Clone(), skippedBetaGradient = (double[])betaGradient.Clone();
        BatchNormKernel.Backward(channels, spatial, count, inputs, length, outputGradients, length, gamma, mean, inverseStd, gammaGradient, betaGradient, new double[count * length], length);
        BatchNormKernel.Backward(channels, spatial, count, inputs, length, outputGradients, length, gamma, mean, inverseStd, skippedGammaGradient, skippedBetaGradient, Span<double>.Empty, 0);

        Assert.Equal(gammaGradient, skippedGammaGradient);
        Assert.Equal(betaGradient, skippedBetaGradient);
    }

    [Fact]
    public void Layer_norm_without_an_input_gradient_adds_the_same_parameter_gradients()
    {
        const int groups = 3, size = 21;
        var random = new Random(8);
        double[] input = KernelData.Uniform(random, groups * size), outputGradient = KernelData.Uniform(random, groups * size);
        double[] gamma = KernelData.Uniform(random, size), beta = KernelData.Uniform(random, size);
        double[] mean = new double[groups], inverseStd = new double[groups];
        LayerNormKernel.Forward(groups, size, input, gamma, beta, 1e-5, new double[groups * size], mean, inverseStd);

        double[] gammaGradient = KernelData.Uniform(random, size), betaGradient = KernelData.Uniform(random, size);
        double[] skippedGammaGradient = (double[])gammaGradient.Clone(), skippedBetaGradient = (double[])betaGradient.Clone();
        LayerNormKernel.Backward(groups, size, input, outputGradient, gamma, mean, inverseStd, gammaGradient, betaGradient, new double[groups * size]);
        LayerNormKernel.Backward(groups, size, input, outputGradient, gamma, mean, inverseStd, skippedGammaGradient, skippedBetaGradient, Span<double>.Empty);

        Assert.Equal(gammaGradient, skippedGammaGradient);
        Assert.Equal(betaGradient, skippedBetaGradient);
    }

    [Fact]
    public void A_convolution_weight_gradient_over_an_infinite_input_is_infinite_not_NaN()
    {
        // A pointwise 1 → 1 convolution over 10 positions: its weight gradient Σ dy·x is one dot product whose last
        // vector overlaps the ones before it, its repeated lanes masked off; an infinite input in a masked lane must
        // not turn into 0·∞ = NaN (PyTorch's conv weight gradient is +∞ here).
        var geometry = new Conv2DGeometry(1, 1, 10, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1);
        float[] input = [0.5f, 1, 2, float.PositiveInfinity, -1, 3, 0.25f, 1, 2, -2];
        float[] outputGradient = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
        float[] weightGradient = new float[1];
        float[] biasGradient = new float[1];

        ConvolutionKernel.Backward<float>(geometry, input, [1f], outputGradient, weightGradient, biasGradient, default, new float[Math.Max(1, ConvolutionKernel.ScratchLength(geometry))]);

        Assert.Equal(float.PositiveInfinity, weightGradient[0]);
        Assert.Equal(10f, biasGradient[0]);
    }

    [Fact]
    public void Geometries_derive_pytorch_output_sizes()
    {
        // nn.Conv2d(3, 8, kernel_size=(3, 5), stride=(2, 3), padding=(1, 2), dilation=(2, 1), groups=1) on 17×20: 8×8×7.
        var convolution = new Conv2DGeometry(3, 17, 20, 8, 3, 5, 2, 3, 1, 2, 1, 2, 2, 1, 1);
        Assert.Equal((8, 7, 3 * 17 * 20, 8 * 8 * 7, 8 * 3 * 3 * 5), (convolution.OutHeight, convolution.OutWidth, convolution.InputLength, convolution.OutputLength, convolution.WeightsLength));
        Assert.Equal(3 * 3 * 5 * 8 * 7, convolution.ColumnsLength);
        Assert.Equal(0, (convolution with { KernelHeight = 1, KernelWidth = 1, StrideHeight = 1, StrideWidth = 1, PaddingTop = 0, PaddingLeft = 0, PaddingBottom = 0, PaddingRight = 0 }).ColumnsLength);

        // nn.MaxPool2d(kernel_size=3, stride=2, padding=1) on 9×11: 5×6.
        var pool = new PoolGeometry(4, 9, 11, 3, 3, 2, 2, 1, 1);
        Assert.Equal((5, 6, 4 * 9 * 11, 4 * 5 * 6), (pool.OutHeight, pool.OutWidth, pool.InputLength, pool.OutputLength));
    }
}
