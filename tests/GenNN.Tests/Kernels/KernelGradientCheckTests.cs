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

    public static TheoryData<string> ConvolutionCaseNames => new(["mixed", "depthwise stride 2", "pointwise", "conv1d causal dilated"]);

    [Theory]
    [MemberData(nameof(ConvolutionCaseNames))]
    public void Convolution_backward_matches_finite_differences(string name)
    {
        Conv2DGeometry geometry = name switch
        {
            "mixed" => ConvolutionKernelTorchTests.Conv(4, 7, 8, 6, 3, 2, sh: 2, sw: 1, pt: 1, pl: 0, pb: 2, pr: 1, dh: 1, dw: 2, g: 2),
            "depthwise stride 2" => ConvolutionKernelTorchTests.Conv(3, 9, 8, 3, 3, 3, sh: 2, sw: 2, pt: 1, pl: 1, pb: 1, pr: 1, g: 3),
            "pointwise" => ConvolutionKernelTorchTests.Conv(5, 4, 5, 6, 1, 1),
            _ => ConvolutionKernelTorchTests.Conv1(2, 19, 3, 3, pl: 4, d: 2),
        };
        var random = new Random(name.Length);
        double[] input = KernelData.Uniform(random, geometry.InputLength);
        double[] weights = KernelData.Uniform(random, geometry.WeightsLength);
        double[] bias = KernelData.Uniform(random, geometry.OutChannels);
        double[] r = KernelData.Uniform(random, geometry.OutputLength);
        double[] columns = new double[geometry.ColumnsLength];
        double[] output = new double[geometry.OutputLength];
        double Loss()
        {
            ConvolutionKernel.Forward(geometry, input, weights, bias, output, columns);
            return FiniteDifference.Dot(r, output);
        }

        double[] inputGradient = new double[geometry.InputLength];
        double[] weightGradient = new double[geometry.WeightsLength];
        double[] biasGradient = new double[geometry.OutChannels];
        ConvolutionKernel.Backward(geometry, input, weights, r, weightGradient, biasGradient, inputGradient, columns);

        Check("input", inputGradient, FiniteDifference.Gradient(input, Loss));
        Check("weights", weightGradient, FiniteDifference.Gradient(weights, Loss));
        Check("bias", biasGradient, FiniteDifference.Gradient(bias, Loss));
    }

    [Fact]
    public void Max_pool_backward_matches_finite_differences()
    {
        var geometry = new PoolGeometry(2, 7, 6, 3, 3, 2, 1, 1, 1);
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
