using System;
using System.Linq;
using GenNN.Kernels;
using Xunit;
using Xunit.Abstractions;

namespace GenNN.Tests.Kernels;

/// <summary>
/// Every kernel's backward pass against central finite differences of its forward pass, in double, independent of
/// TorchSharp. The loss is <c>L = Σ r·y</c> for a random <c>r</c>, so the backward pass is run with output gradient
/// <c>r</c>; <see cref="FiniteDifference.AssertClose"/> bounds the error relative to the gradient's scale by 1e-6.
/// </summary>
public sealed class KernelGradientCheckTests
{
    private readonly ITestOutputHelper _output;

    public KernelGradientCheckTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// im2col ("mixed", "depthwise stride 2") and each form of the direct path in double (vectors of 4): "pointwise",
    /// a 1-D signal with padding (one row: no grid to move), rows of 10 written row by row, and rows of 3 (less than a
    /// vector) over the padded virtual grid. The loss goes through the fused activation.
    /// </summary>
    public static TheoryData<string> ConvolutionCaseNames => new(["mixed", "depthwise stride 2", "pointwise", "conv1d causal dilated", "direct by rows", "direct grid padded"]);

    [Theory]
    [MemberData(nameof(ConvolutionCaseNames))]
    public void Convolution_backward_matches_finite_differences(string name)
    {
        (Conv2DGeometry geometry, FusedActivation activation) = name switch
        {
            "mixed" => (ConvolutionKernelTorchTests.Conv(4, 7, 8, 6, 3, 2, sh: 2, sw: 1, pt: 1, pl: 0, pb: 2, pr: 1, dh: 1, dw: 2, g: 2), FusedActivation.LeakyReLU),
            "depthwise stride 2" => (ConvolutionKernelTorchTests.Conv(3, 9, 8, 3, 3, 3, sh: 2, sw: 2, pt: 1, pl: 1, pb: 1, pr: 1, g: 3), FusedActivation.Identity),
            "pointwise" => (ConvolutionKernelTorchTests.Conv(5, 4, 5, 6, 1, 1), FusedActivation.Sigmoid),
            "conv1d causal dilated" => (ConvolutionKernelTorchTests.Conv1(2, 19, 3, 3, pl: 4, d: 2), FusedActivation.Tanh),
            "direct by rows" => (ConvolutionKernelTorchTests.Conv(1, 5, 12, 3, 3, 3), FusedActivation.LeakyReLU),
            _ => (ConvolutionKernelTorchTests.Conv(3, 6, 3, 5, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1), FusedActivation.Tanh),
        };
        var random = new Random(name.Length);
        double[] input = KernelData.Uniform(random, geometry.InputLength);
        double[] weights = KernelData.Uniform(random, geometry.WeightsLength);
        double[] bias = KernelData.Uniform(random, geometry.OutChannels);
        double[] r = KernelData.Uniform(random, geometry.OutputLength);
        double[] scratch = new double[ConvolutionKernel.ScratchLength(geometry)];
        double[] output = new double[geometry.OutputLength];
        double Loss()
        {
            FusedActivations.Forward<double>(activation, geometry, input, weights, bias, output, scratch);
            return FiniteDifference.Dot(r, output);
        }

        Loss();
        double[] delta = (double[])r.Clone();
        FusedActivations.Backward<double>(activation, output, delta);
        double[] inputGradient = new double[geometry.InputLength];
        double[] weightGradient = new double[geometry.WeightsLength];
        double[] biasGradient = new double[geometry.OutChannels];
        ConvolutionKernel.Backward(geometry, input, weights, delta, weightGradient, biasGradient, inputGradient, scratch);

        Check("input", inputGradient, FiniteDifference.Gradient(input, Loss));
        Check("weights", weightGradient, FiniteDifference.Gradient(weights, Loss));
        Check("bias", biasGradient, FiniteDifference.Gradient(bias, Loss));
    }

    /// <summary>The general window scan (overlapping 3×3 windows at stride 2 with padding) and the pair windows (2×2 at stride 2, odd sizes so a column and a row are left out).</summary>
    [Theory]
    [InlineData(3, 3, 2, 1)]
    [InlineData(2, 2, 2, 0)]
    public void Max_pool_backward_matches_finite_differences(int kernelHeight, int kernelWidth, int stride, int padding)
    {
        var geometry = new PoolGeometry(2, 7, 11, kernelHeight, kernelWidth, stride, stride, padding, padding);
        var random = new Random(3);
        double[] input = KernelData.Uniform(random, geometry.InputLength);
        double[] r = KernelData.Uniform(random, geometry.OutputLength);
        double[] output = new double[geometry.OutputLength];
        double[] inputGradient = new double[geometry.InputLength];
        PoolKernel.MaxBackward(geometry, input, r, inputGradient);

        Check("input", inputGradient, FiniteDifference.Gradient(input, () =>
        {
            PoolKernel.MaxForward(geometry, input, output);
            return FiniteDifference.Dot(r, output);
        }));
    }

    /// <summary>
    /// Max pooling of pair windows in float runs on vectors; in double it is the scalar scan checked above. On the same
    /// values (floats, ties and NaNs included) both give the same outputs and send every gradient to the same place,
    /// bit for bit: the vector path is the checked scan, not an approximation of it. The sizes give rows on 128-bit
    /// and full-width vectors, with tails, odd sizes and a 1-D signal; rows of at most 16 outputs take one 512-bit step
    /// a row on cores with full-width 512-bit units, and the widest rows here (17 and 33 outputs) the row loop there.
    /// </summary>
    [Theory]
    [InlineData(2, 35)]
    [InlineData(3, 66)]
    [InlineData(2, 8)]
    [InlineData(5, 13)]
    [InlineData(4, 18)]
    [InlineData(3, 23)]
    [InlineData(7, 25)]
    [InlineData(1, 19)]
    public void Max_pool_in_float_vectors_equals_the_checked_scalar_scan(int height, int width)
    {
        int windowHeight = height == 1 ? 1 : 2;
        var geometry = new PoolGeometry(3, height, width, windowHeight, 2, windowHeight, 2, 0, 0);
        var random = new Random(height * width);
        float[] input = Enumerable.Range(0, geometry.InputLength).Select(_ => random.Next(10) switch
        {
            0 => float.NaN,
            1 or 2 => 0f,
            3 => float.NegativeInfinity,
            _ => (float)random.NextDouble(),
        }).ToArray();
        float[] r = Enumerable.Range(0, geometry.OutputLength).Select(_ => (float)random.NextDouble() + 1).ToArray();
        float[] output = new float[geometry.OutputLength];
        float[] inputGradient = KernelData.Poisoned<float>(geometry.InputLength);
        double[] expectedOutput = new double[geometry.OutputLength];
        double[] expectedGradient = new double[geometry.InputLength];
        PoolKernel.MaxForward<float>(geometry, input, output);
        PoolKernel.MaxBackward<float>(geometry, input, r, inputGradient);
        PoolKernel.MaxForward<double>(geometry, KernelData.Widen<float>(input), expectedOutput);
        PoolKernel.MaxBackward<double>(geometry, KernelData.Widen<float>(input), KernelData.Widen<float>(r), expectedGradient);

        Assert.Equal(expectedOutput, KernelData.Widen<float>(output));
        Assert.Equal(expectedGradient, KernelData.Widen<float>(inputGradient));
    }

    [Fact]
    public void Average_pool_backward_matches_finite_differences()
    {
        var geometry = new PoolGeometry(2, 7, 6, 3, 2, 2, 1, 1, 1);
        var random = new Random(4);
        double[] input = KernelData.Uniform(random, geometry.InputLength);
        double[] r = KernelData.Uniform(random, geometry.OutputLength);
        double[] output = new double[geometry.OutputLength];
        double[] inputGradient = new double[geometry.InputLength];
        PoolKernel.AverageBackward(geometry, r, inputGradient);

        Check("input", inputGradient, FiniteDifference.Gradient(input, () =>
        {
            PoolKernel.AverageForward(geometry, input, output);
            return FiniteDifference.Dot(r, output);
        }));
    }

    [Fact]
    public void Global_average_pool_backward_matches_finite_differences()
    {
        const int channels = 3, spatial = 10;
        var random = new Random(5);
        double[] input = KernelData.Uniform(random, channels * spatial);
        double[] r = KernelData.Uniform(random, channels);
        double[] output = new double[channels];
        double[] inputGradient = new double[channels * spatial];
        PoolKernel.GlobalAverageBackward(channels, spatial, r, inputGradient);

        Check("input", inputGradient, FiniteDifference.Gradient(input, () =>
        {
            PoolKernel.GlobalAverageForward(channels, spatial, input, output);
            return FiniteDifference.Dot(r, output);
        }));
    }

    [Theory]
    [InlineData(4, 5, 3)]
    [InlineData(9, 1, 4)]
    public void Batch_norm_backward_matches_finite_differences(int channels, int spatial, int count)
    {
        int sampleLength = channels * spatial;
        int stride = sampleLength + 2;
        var random = new Random(channels + spatial);
        double[] inputs = KernelData.Uniform(random, count * stride);
        double[] gamma = KernelData.Uniform(random, channels, 0.5, 1.5);
        double[] beta = KernelData.Uniform(random, channels);
        double[] r = KernelData.Uniform(random, count * stride);
        double[] outputs = new double[count * stride];
        double[] mean = new double[channels], inverseStd = new double[channels];
        double[] runningMean = new double[channels], runningVariance = new double[channels];
        void Forward() => BatchNormKernel.TrainingForward(
            channels, spatial, count, inputs, stride, gamma, beta, outputs, stride, mean, inverseStd, runningMean, runningVariance, 0.1, 1e-5);
        double Loss()
        {
            Forward();
            return Enumerable.Range(0, count).Sum(s => FiniteDifference.Dot(r[(s * stride)..((s * stride) + sampleLength)], outputs.AsSpan(s * stride, sampleLength)));
        }

        Forward();
        double[] inputGradients = new double[count * stride];
        double[] gammaGradient = new double[channels], betaGradient = new double[channels];
        BatchNormKernel.Backward(channels, spatial, count, inputs, stride, r, stride, gamma, mean, inverseStd, gammaGradient, betaGradient, inputGradients, stride);

        double[] numericInputs = FiniteDifference.Gradient(inputs, Loss);
        int[] used = Enumerable.Range(0, count).SelectMany(s => Enumerable.Range(s * stride, sampleLength)).ToArray();
        Check("inputs", used.Select(i => inputGradients[i]).ToArray(), used.Select(i => numericInputs[i]).ToArray());
        Check("gamma", gammaGradient, FiniteDifference.Gradient(gamma, Loss));
        Check("beta", betaGradient, FiniteDifference.Gradient(beta, Loss));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Layer_norm_backward_matches_finite_differences(bool affine)
    {
        const int groups = 3, size = 11;
        var random = new Random(affine ? 6 : 7);
        double[] input = KernelData.Uniform(random, groups * size);
        double[] gamma = affine ? KernelData.Uniform(random, size, 0.5, 1.5) : [];
        double[] beta = affine ? KernelData.Uniform(random, size) : [];
        double[] r = KernelData.Uniform(random, groups * size);
        double[] output = new double[groups * size];
        double[] mean = new double[groups], inverseStd = new double[groups];
        double Loss()
        {
            LayerNormKernel.Forward(groups, size, input, gamma, beta, 1e-5, output, mean, inverseStd);
            return FiniteDifference.Dot(r, output);
        }

        Loss();
        double[] inputGradient = new double[groups * size];
        double[] gammaGradient = new double[gamma.Length], betaGradient = new double[beta.Length];
        LayerNormKernel.Backward(groups, size, input, r, gamma, mean, inverseStd, gammaGradient, betaGradient, inputGradient);

        Check("input", inputGradient, FiniteDifference.Gradient(input, Loss));
        if (affine)
        {
            Check("gamma", gammaGradient, FiniteDifference.Gradient(gamma, Loss));
            Check("beta", betaGradient, FiniteDifference.Gradient(beta, Loss));
        }
    }

    private void Check(string what, ReadOnlySpan<double> analytic, double[] numeric) =>
        _output.WriteLine($"{what}: relative error {FiniteDifference.AssertClose(what, analytic, numeric):E2}");
}
