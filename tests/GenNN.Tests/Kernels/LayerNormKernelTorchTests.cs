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
/// <see cref="LayerNormKernel"/> against <c>torch.nn.functional.layer_norm</c> and autograd, two samples per case
/// (run one by one, so γ and β gradients must accumulate), with and without the affine transform.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class LayerNormKernelTorchTests
{
    private const int Samples = 2;

    private readonly ITestOutputHelper _output;

    public LayerNormKernelTorchTests(ITestOutputHelper output) => _output = output;

    public enum Affine
    {
        None,
        WeightAndBias,
        WeightOnly,
    }

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    /// <summary>Groups per sample, the normalized shape, the affine parameters, ε; an offset added to the inputs.</summary>
    internal static Dictionary<string, (int Groups, int[] Shape, Affine Affine, double Epsilon, double Offset)> Cases { get; } = new()
    {
        ["one group of 37, affine"] = (1, [37], Affine.WeightAndBias, 1e-5, 0),
        ["3 groups of [4, 5], affine"] = (3, [4, 5], Affine.WeightAndBias, 1e-5, 0),
        ["5 groups of 16, no affine"] = (5, [16], Affine.None, 1e-5, 0),
        ["7 groups of 3, no affine, eps 1e-3"] = (7, [3], Affine.None, 1e-3, 0),
        ["2 groups of 13, weight only (bias=False)"] = (2, [13], Affine.WeightOnly, 1e-5, 0),
        ["4 groups of 24, affine, mean 50 times the spread"] = (4, [24], Affine.WeightAndBias, 1e-5, 50),
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_and_backward_match_torch_in_double(string name) => Compare<double>(name);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_and_backward_match_torch_in_float(string name) => Compare<float>(name);

    private void Compare<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int groups, int[] normalizedShape, Affine affine, double epsilon, double offset) = Cases[name];
        int size = normalizedShape.Aggregate(1, (product, length) => product * length);
        int sampleLength = groups * size;
        var random = new Random(name.Length * 7);
        double[] input = KernelData.Rounded<T>(KernelData.Uniform(random, Samples * sampleLength, offset - 1, offset + 1));
        double[] outputGradient = KernelData.Rounded<T>(KernelData.Uniform(random, Samples * sampleLength));
        double[] gamma = affine == Affine.None ? [] : KernelData.Rounded<T>(KernelData.Uniform(random, size, 0.5, 1.5));
        double[] beta = affine == Affine.WeightAndBias ? KernelData.Rounded<T>(KernelData.Uniform(random, size)) : [];
        double[] initialGammaGradient = KernelData.Rounded<T>(KernelData.Uniform(random, gamma.Length));
        double[] initialBetaGradient = KernelData.Rounded<T>(KernelData.Uniform(random, beta.Length));

        T[] x = KernelData.Cast<T>(input), dy = KernelData.Cast<T>(outputGradient), g = KernelData.Cast<T>(gamma), b = KernelData.Cast<T>(beta);
        T[] y = KernelData.Poisoned<T>(Samples * sampleLength), dx = KernelData.Poisoned<T>(Samples * sampleLength);
        T[] dg = KernelData.Cast<T>(initialGammaGradient), db = KernelData.Cast<T>(initialBetaGradient);
        T[] mean = KernelData.Poisoned<T>(groups), inverseStd = KernelData.Poisoned<T>(groups);
        T eps = T.CreateTruncating(epsilon);
        for (int s = 0; s < Samples; s++)
        {
            ReadOnlySpan<T> sample = x.AsSpan(s * sampleLength, sampleLength);
            LayerNormKernel.Forward(groups, size, sample, g, b, eps, y.AsSpan(s * sampleLength, sampleLength), mean, inverseStd);
            LayerNormKernel.Backward(groups, size, sample, dy.AsSpan(s * sampleLength, sampleLength), g, mean, inverseStd, dg, db, dx.AsSpan(s * sampleLength, sampleLength));
        }

        using var scope = NewDisposeScope();
        long[] shape = [Samples, groups, .. normalizedShape.Select(length => (long)length)];
        Tensor xt = KernelData.Tensor<T>(input, shape).requires_grad_();
        Tensor? weight = affine == Affine.None ? null : KernelData.Tensor<T>(gamma, normalizedShape.Select(length => (long)length).ToArray()).requires_grad_();
        Tensor? bias = affine == Affine.WeightAndBias ? KernelData.Tensor<T>(beta, normalizedShape.Select(length => (long)length).ToArray()).requires_grad_() : null;
        Tensor yt = nn.functional.layer_norm(xt, normalizedShape.Select(length => (long)length).ToArray(), weight, bias, epsilon);
        yt.backward([KernelData.Tensor<T>(outputGradient, shape)]);

        double tolerance = KernelData.Tolerance<T>();
        var forward = new Agreement();
        var backward = new Agreement();
        forward.Check("output", y, KernelData.Values(yt), tolerance);
        backward.Check("input gradient", dx, KernelData.Values(xt.grad!), tolerance);
        if (weight is not null)
        {
            backward.Check("gamma gradient", dg, initialGammaGradient.Zip(KernelData.Values(weight.grad!), (start, added) => start + added).ToArray(), tolerance);
        }

        if (bias is not null)
        {
            backward.Check("beta gradient", db, initialBetaGradient.Zip(KernelData.Values(bias.grad!), (start, added) => start + added).ToArray(), tolerance);
        }

        _output.WriteLine($"{name} ({typeof(T).Name}): forward {forward}; backward {backward}");
    }
}
