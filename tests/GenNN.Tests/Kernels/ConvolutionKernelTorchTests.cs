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
/// <see cref="ConvolutionKernel"/> against <c>torch.nn.functional.conv2d</c>/<c>conv1d</c> and autograd: two samples
/// per geometry, the kernel run sample by sample (so parameter gradients must accumulate), compared on the output,
/// the input gradient and the weight and bias gradients (added to non-zero starting values).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ConvolutionKernelTorchTests
{
    private const int Samples = 2;

    private readonly ITestOutputHelper _output;

    public ConvolutionKernelTorchTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    /// <summary>
    /// The geometries: every feature alone and combined, sizes that leave vector tails (odd widths, 1 to 289
    /// output positions), tile tails (filter counts not multiples of 4), patches long enough that the product
    /// splits its columns into cache blocks, and padding wider than the kernel reaches.
    /// </summary>
    internal static Dictionary<string, (Conv2DGeometry Geometry, bool OneDimensional)> Cases { get; } = new()
    {
        ["3x3 same padding"] = (Conv(3, 9, 9, 5, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1), false),
        ["3x5 stride 2x3 padding 1x2"] = (Conv(4, 11, 13, 6, 3, 5, sh: 2, sw: 3, pt: 1, pl: 2, pb: 1, pr: 2), false),
        ["dilation 2x3"] = (Conv(2, 15, 14, 3, 3, 3, pt: 2, pl: 2, pb: 2, pr: 2, dh: 2, dw: 3), false),
        ["asymmetric padding, even kernel"] = (Conv(3, 10, 7, 4, 4, 4, pt: 1, pl: 2, pb: 2, pr: 1), false),
        ["groups 2"] = (Conv(4, 8, 9, 6, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1, g: 2), false),
        ["depthwise"] = (Conv(5, 12, 12, 5, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1, g: 5), false),
        ["depthwise multiplier 2, stride 2, dilation 2"] = (Conv(3, 13, 11, 6, 3, 3, sh: 2, sw: 2, pt: 2, pl: 2, pb: 2, pr: 2, dh: 2, dw: 2, g: 3), false),
        ["pointwise"] = (Conv(7, 6, 6, 9, 1, 1), false),
        ["pointwise groups 2"] = (Conv(6, 5, 7, 4, 1, 1, g: 2), false),
        ["1x1 stride 2"] = (Conv(3, 9, 8, 5, 1, 1, sh: 2, sw: 2), false),
        ["wide: 16 to 33 channels"] = (Conv(16, 17, 17, 33, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1), false),
        ["deep: 64 channels, several column blocks"] = (Conv(64, 11, 12, 6, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1), false),
        ["one output position"] = (Conv(3, 3, 3, 5, 3, 3), false),
        ["padding beyond the kernel's reach"] = (Conv(2, 5, 5, 3, 2, 2, pt: 3, pl: 3, pb: 3, pr: 3), false),
        ["rectangular, odd sizes"] = (Conv(3, 4, 5, 7, 2, 3, pt: 1, pl: 0, pb: 1, pr: 0), false),
        ["conv1d stride 2 padding 2"] = (Conv1(3, 50, 4, 5, s: 2, pl: 2, pr: 2), true),
        ["conv1d causal, dilation 3, groups 3"] = (Conv1(3, 29, 6, 3, pl: 6, pr: 0, d: 3, g: 3), true),
        ["conv1d pointwise"] = (Conv1(5, 21, 3, 1), true),
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_and_backward_match_torch_in_double(string name) => Compare<double>(name);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_and_backward_match_torch_in_float(string name) => Compare<float>(name);

    internal static Conv2DGeometry Conv(
        int c, int h, int w, int f, int kh, int kw, int sh = 1, int sw = 1, int pt = 0, int pl = 0, int pb = 0, int pr = 0, int dh = 1, int dw = 1, int g = 1) =>
        new(c, h, w, f, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw, g);

    internal static Conv2DGeometry Conv1(int c, int l, int f, int k, int s = 1, int pl = 0, int pr = 0, int d = 1, int g = 1) =>
        new(c, 1, l, f, 1, k, 1, s, 0, pl, 0, pr, 1, d, g);

    private void Compare<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (Conv2DGeometry geometry, bool oneDimensional) = Cases[name];
        var random = new Random(name.Length * 31);
        double[] input = KernelData.Rounded<T>(KernelData.Uniform(random, Samples * geometry.InputLength));
        double[] weights = KernelData.Rounded<T>(KernelData.Uniform(random, geometry.WeightsLength));
        double[] bias = KernelData.Rounded<T>(KernelData.Uniform(random, geometry.OutChannels));
        double[] outputGradient = KernelData.Rounded<T>(KernelData.Uniform(random, Samples * geometry.OutputLength));
        double[] initialWeightGradient = KernelData.Rounded<T>(KernelData.Uniform(random, geometry.WeightsLength));
        double[] initialBiasGradient = KernelData.Rounded<T>(KernelData.Uniform(random, geometry.OutChannels));

        T[] x = KernelData.Cast<T>(input), w = KernelData.Cast<T>(weights), b = KernelData.Cast<T>(bias), dy = KernelData.Cast<T>(outputGradient);
        T[] y = KernelData.Poisoned<T>(Samples * geometry.OutputLength);
        T[] dx = KernelData.Poisoned<T>(Samples * geometry.InputLength);
        T[] dw = KernelData.Cast<T>(initialWeightGradient), db = KernelData.Cast<T>(initialBiasGradient);
        T[] skippedDw = KernelData.Cast<T>(initialWeightGradient), skippedDb = KernelData.Cast<T>(initialBiasGradient);
        T[] columns = KernelData.Poisoned<T>(geometry.ColumnsLength);
        for (int s = 0; s < Samples; s++)
        {
            ReadOnlySpan<T> sampleInput = x.AsSpan(s * geometry.InputLength, geometry.InputLength);
            ReadOnlySpan<T> sampleOutputGradient = dy.AsSpan(s * geometry.OutputLength, geometry.OutputLength);
            ConvolutionKernel.Forward(geometry, sampleInput, w, b, y.AsSpan(s * geometry.OutputLength, geometry.OutputLength), columns);
            ConvolutionKernel.Backward(geometry, sampleInput, w, sampleOutputGradient, dw, db, dx.AsSpan(s * geometry.InputLength, geometry.InputLength), columns);
            ConvolutionKernel.Backward(geometry, sampleInput, w, sampleOutputGradient, skippedDw, skippedDb, Span<T>.Empty, columns);
        }

        (double[] torchOutput, double[] torchInputGradient, double[] torchWeightGradient, double[] torchBiasGradient) =
            Torch<T>(geometry, oneDimensional, input, weights, bias, outputGradient);

        double tolerance = KernelData.Tolerance<T>();
        var forward = new Agreement();
        var backward = new Agreement();
        forward.Check("output", y, torchOutput, tolerance);
        backward.Check("input gradient", dx, torchInputGradient, tolerance);
        backward.Check("weight gradient", dw, initialWeightGradient.Zip(torchWeightGradient, (start, added) => start + added).ToArray(), tolerance);
        backward.Check("bias gradient", db, initialBiasGradient.Zip(torchBiasGradient, (start, added) => start + added).ToArray(), tolerance);
        Assert.Equal(dw, skippedDw);
        Assert.Equal(db, skippedDb);
        _output.WriteLine($"{name} ({typeof(T).Name}): forward {forward}; backward {backward}");
    }

    /// <summary>
    /// Torch's output and gradients for the batch. Asymmetric padding is <c>F.pad</c> (left, right, top, bottom)
    /// followed by an unpadded convolution, as PyTorch users write it.
    /// </summary>
    private static (double[] Output, double[] InputGradient, double[] WeightGradient, double[] BiasGradient) Torch<T>(
        Conv2DGeometry g, bool oneDimensional, double[] input, double[] weights, double[] bias, double[] outputGradient)
        where T : IFloatingPointIeee754<T>
    {
        using var scope = NewDisposeScope();
        int channelsPerGroup = g.InChannels / g.Groups;
        Tensor x = oneDimensional
            ? KernelData.Tensor<T>(input, Samples, g.InChannels, g.InWidth)
            : KernelData.Tensor<T>(input, Samples, g.InChannels, g.InHeight, g.InWidth);
        Tensor w = oneDimensional
            ? KernelData.Tensor<T>(weights, g.OutChannels, channelsPerGroup, g.KernelWidth)
            : KernelData.Tensor<T>(weights, g.OutChannels, channelsPerGroup, g.KernelHeight, g.KernelWidth);
        Tensor b = KernelData.Tensor<T>(bias, g.OutChannels);
        x.requires_grad_();
        w.requires_grad_();
        b.requires_grad_();
        bool symmetric = g.PaddingTop == g.PaddingBottom && g.PaddingLeft == g.PaddingRight;
        Tensor y;
        if (oneDimensional)
        {
            Tensor padded = symmetric ? x : nn.functional.pad(x, [g.PaddingLeft, g.PaddingRight]);
            y = nn.functional.conv1d(padded, w, b, g.StrideWidth, symmetric ? g.PaddingLeft : 0, g.DilationWidth, g.Groups);
        }
        else
        {
            Tensor padded = symmetric ? x : nn.functional.pad(x, [g.PaddingLeft, g.PaddingRight, g.PaddingTop, g.PaddingBottom]);
            y = nn.functional.conv2d(
                padded, w, b, [g.StrideHeight, g.StrideWidth], symmetric ? [g.PaddingTop, g.PaddingLeft] : [0, 0], [g.DilationHeight, g.DilationWidth], g.Groups);
        }

        long[] expectedShape = oneDimensional ? [Samples, g.OutChannels, g.OutWidth] : [Samples, g.OutChannels, g.OutHeight, g.OutWidth];
        Assert.Equal(expectedShape, y.shape);
        y.backward([KernelData.Tensor<T>(outputGradient, y.shape)]);
        return (KernelData.Values(y), KernelData.Values(x.grad!), KernelData.Values(w.grad!), KernelData.Values(b.grad!));
    }
}
