using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using GenNN.Kernels;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GenNN.Tests.Kernels;

/// <summary>
/// <see cref="BatchNormKernel"/> against <c>torch.nn.functional.batch_norm</c>: three training batches in a row, each
/// compared on the output, the running statistics torch updated in place, and autograd's input, γ and β gradients
/// (ours accumulating over the batches from non-zero starting values); then inference with the final running
/// statistics. Samples sit in strided blocks whose gaps hold sentinels, which must be neither read nor written.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class BatchNormKernelTorchTests
{
    private const int Batches = 3;
    private const double Sentinel = 12345;

    private readonly ITestOutputHelper _output;

    public BatchNormKernelTorchTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    /// <summary>Channels, the spatial shape (empty for <c>BatchNorm1d</c> over features), samples per batch, momentum, ε.</summary>
    internal static Dictionary<string, (int Channels, int[] Spatial, int Count, double Momentum, double Epsilon)> Cases { get; } = new()
    {
        ["BatchNorm2d, 3 channels of 5x7, 4 samples"] = (3, [5, 7], 4, 0.1, 1e-5),
        ["BatchNorm2d, 6 channels of 3x3, 2 samples, momentum 0.3, eps 1e-3"] = (6, [3, 3], 2, 0.3, 1e-3),
        ["BatchNorm2d, 2 channels of 1x1, 5 samples"] = (2, [1, 1], 5, 0.1, 1e-5),
        ["BatchNorm1d, 19 features, 6 samples"] = (19, [], 6, 0.1, 1e-5),
        ["BatchNorm1d, 16 features, 2 samples, momentum 0.5"] = (16, [], 2, 0.5, 1e-5),
        ["BatchNorm1d, 4 channels of length 11, 3 samples"] = (4, [11], 3, 0.1, 1e-5),
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Training_inference_and_backward_match_torch_in_double(string name) => Compare<double>(name);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Training_inference_and_backward_match_torch_in_float(string name) => Compare<float>(name);

    private void Compare<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int channels, int[] spatialShape, int count, double momentum, double epsilon) = Cases[name];
        int spatial = spatialShape.Aggregate(1, (product, size) => product * size);
        int sampleLength = channels * spatial;
        int inputStride = sampleLength + 3, outputStride = sampleLength + 5, inputGradientStride = sampleLength + 2;
        long[] shape = [count, channels, .. spatialShape.Select(size => (long)size)];
        var random = new Random(name.Length * 13);
        double tolerance = KernelData.Tolerance<T>();

        double[] gamma = KernelData.Rounded<T>(KernelData.Uniform(random, channels, 0.5, 1.5));
        double[] beta = KernelData.Rounded<T>(KernelData.Uniform(random, channels));
        double[] runningMean = KernelData.Rounded<T>(KernelData.Uniform(random, channels));
        double[] runningVariance = KernelData.Rounded<T>(KernelData.Uniform(random, channels, 0.5, 2));
        double[] gammaGradient = KernelData.Rounded<T>(KernelData.Uniform(random, channels));
        double[] betaGradient = KernelData.Rounded<T>(KernelData.Uniform(random, channels));
        T[] ourGamma = KernelData.Cast<T>(gamma), ourBeta = KernelData.Cast<T>(beta);
        T[] ourRunningMean = KernelData.Cast<T>(runningMean), ourRunningVariance = KernelData.Cast<T>(runningVariance);
        T[] ourGammaGradient = KernelData.Cast<T>(gammaGradient), ourBetaGradient = KernelData.Cast<T>(betaGradient);
        T[] batchMean = KernelData.Poisoned<T>(channels), batchInverseStd = KernelData.Poisoned<T>(channels);

        using var scope = NewDisposeScope();
        Tensor torchRunningMean = KernelData.Tensor<T>(runningMean, channels);
        Tensor torchRunningVariance = KernelData.Tensor<T>(runningVariance, channels);
        var forward = new Agreement();
        var backward = new Agreement();
        for (int batch = 0; batch < Batches; batch++)
        {
            // Batches after the first are shifted and scaled, so the running statistics have something to follow.
            double[] input = KernelData.Rounded<T>(KernelData.Uniform(random, count * sampleLength, -1 + batch, 2 + (2 * batch)));
            double[] outputGradient = KernelData.Rounded<T>(KernelData.Uniform(random, count * sampleLength));
            T[] inputs = Strided<T>(input, count, sampleLength, inputStride, double.NaN);
            T[] outputGradients = Strided<T>(outputGradient, count, sampleLength, sampleLength, double.NaN);
            T[] outputs = Strided<T>(new double[count * sampleLength], count, 0, outputStride, Sentinel);
            T[] inputGradients = Strided<T>(new double[count * sampleLength], count, 0, inputGradientStride, Sentinel);

            BatchNormKernel.TrainingForward(
                channels, spatial, count, inputs, inputStride, ourGamma, ourBeta, outputs, outputStride,
                batchMean, batchInverseStd, ourRunningMean, ourRunningVariance, T.CreateTruncating(momentum), T.CreateTruncating(epsilon));
            BatchNormKernel.Backward(
                channels, spatial, count, inputs, inputStride, outputGradients, sampleLength, ourGamma, batchMean, batchInverseStd,
                ourGammaGradient, ourBetaGradient, inputGradients, inputGradientStride);

            Tensor x = KernelData.Tensor<T>(input, shape).requires_grad_();
            Tensor weight = KernelData.Tensor<T>(gamma, channels).requires_grad_();
            Tensor bias = KernelData.Tensor<T>(beta, channels).requires_grad_();
            Tensor y = nn.functional.batch_norm(x, torchRunningMean, torchRunningVariance, weight, bias, training: true, momentum, epsilon);
            y.backward([KernelData.Tensor<T>(outputGradient, shape)]);
            gammaGradient = gammaGradient.Zip(KernelData.Values(weight.grad!), (sum, added) => sum + added).ToArray();
            betaGradient = betaGradient.Zip(KernelData.Values(bias.grad!), (sum, added) => sum + added).ToArray();

            forward.Check($"batch {batch} output", Dense(outputs, count, sampleLength, outputStride), KernelData.Values(y), tolerance);
            forward.Check($"batch {batch} running mean", ourRunningMean, KernelData.Values(torchRunningMean), tolerance);
            forward.Check($"batch {batch} running variance", ourRunningVariance, KernelData.Values(torchRunningVariance), tolerance);
            backward.Check($"batch {batch} input gradient", Dense(inputGradients, count, sampleLength, inputGradientStride), KernelData.Values(x.grad!), tolerance);
            backward.Check($"batch {batch} gamma gradient", ourGammaGradient, gammaGradient, tolerance);
            backward.Check($"batch {batch} beta gradient", ourBetaGradient, betaGradient, tolerance);
            AssertGapsUntouched(outputs, count, sampleLength, outputStride);
            AssertGapsUntouched(inputGradients, count, sampleLength, inputGradientStride);
        }

        double[] sample = KernelData.Rounded<T>(KernelData.Uniform(random, sampleLength, -2, 3));
        T[] inferred = KernelData.Poisoned<T>(sampleLength);
        BatchNormKernel.InferenceForward(
            channels, spatial, KernelData.Cast<T>(sample), ourGamma, ourBeta, ourRunningMean, ourRunningVariance, T.CreateTruncating(epsilon), inferred);
        Tensor torchInferred = nn.functional.batch_norm(
            KernelData.Tensor<T>(sample, [1, .. shape[1..]]), torchRunningMean, torchRunningVariance,
            KernelData.Tensor<T>(gamma, channels), KernelData.Tensor<T>(beta, channels), training: false, momentum, epsilon);
        var inference = new Agreement();
        inference.Check("inference output", inferred, KernelData.Values(torchInferred), tolerance);
        _output.WriteLine($"{name} ({typeof(T).Name}): training forward {forward}; backward {backward}; inference {inference}");
    }

    /// <summary><paramref name="count"/> rows of <paramref name="length"/> values, <paramref name="stride"/> apart, the gaps filled with <paramref name="gap"/>.</summary>
    private static T[] Strided<T>(double[] values, int count, int length, int stride, double gap)
        where T : IFloatingPointIeee754<T>
    {
        T[] result = Enumerable.Repeat(T.CreateTruncating(gap), count * stride).ToArray();
        for (int s = 0; s < count; s++)
        {
            for (int i = 0; i < length; i++)
            {
                result[(s * stride) + i] = T.CreateTruncating(values[(s * length) + i]);
            }
        }

        return result;
    }

    private static T[] Dense<T>(T[] strided, int count, int length, int stride) =>
        Enumerable.Range(0, count).SelectMany(s => strided.Skip(s * stride).Take(length)).ToArray();

    private static void AssertGapsUntouched<T>(T[] strided, int count, int length, int stride)
        where T : IFloatingPointIeee754<T>
    {
        for (int s = 0; s < count; s++)
        {
            for (int i = length; i < stride; i++)
            {
                Assert.Equal(T.CreateTruncating(Sentinel), strided[(s * stride) + i]);
            }
        }
    }
}
