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
/// the input gradient and the weight and bias gradients (added to non-zero starting values). The activation is the
/// kernel's type argument; backward turns <c>dL/dy</c> into <c>dL/dz</c> as generated code does.
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
    /// splits its columns into cache blocks, and padding wider than the kernel reaches; stride 1 takes the direct
    /// path, other strides im2col. Each fused activation runs on both paths.
    /// </summary>
    internal static Dictionary<string, (Conv2DGeometry Geometry, bool OneDimensional, FusedActivation Activation)> Cases { get; } = new()
    {
        ["3x3 same padding"] = (Conv(3, 9, 9, 5, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1), false, FusedActivation.ReLU),
        ["3x5 stride 2x3 padding 1x2"] = (Conv(4, 11, 13, 6, 3, 5, sh: 2, sw: 3, pt: 1, pl: 2, pb: 1, pr: 2), false, FusedActivation.LeakyReLU),
        ["dilation 2x3"] = (Conv(2, 15, 14, 3, 3, 3, pt: 2, pl: 2, pb: 2, pr: 2, dh: 2, dw: 3), false, FusedActivation.Tanh),
        ["asymmetric padding, even kernel"] = (Conv(3, 10, 7, 4, 4, 4, pt: 1, pl: 2, pb: 2, pr: 1), false, FusedActivation.Identity),
        ["groups 2"] = (Conv(4, 8, 9, 6, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1, g: 2), false, FusedActivation.Identity),
        ["depthwise"] = (Conv(5, 12, 12, 5, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1, g: 5), false, FusedActivation.Identity),
        ["depthwise multiplier 2, stride 2, dilation 2"] = (Conv(3, 13, 11, 6, 3, 3, sh: 2, sw: 2, pt: 2, pl: 2, pb: 2, pr: 2, dh: 2, dw: 2, g: 3), false, FusedActivation.Sigmoid),
        ["pointwise"] = (Conv(7, 6, 6, 9, 1, 1), false, FusedActivation.Identity),
        ["pointwise groups 2"] = (Conv(6, 5, 7, 4, 1, 1, g: 2), false, FusedActivation.Identity),
        ["1x1 stride 2"] = (Conv(3, 9, 8, 5, 1, 1, sh: 2, sw: 2), false, FusedActivation.Identity),
        ["stride 2x1"] = (Conv(3, 9, 12, 4, 3, 3, sh: 2, sw: 1, pt: 1, pl: 1, pb: 1, pr: 1), false, FusedActivation.Tanh),
        ["two rows of one float vector, by rows"] = (Conv(1, 4, 10, 5, 3, 3), false, FusedActivation.ReLU),
        ["wide: 16 to 33 channels"] = (Conv(16, 17, 17, 33, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1), false, FusedActivation.Identity),
        ["deep: 64 channels, several column blocks"] = (Conv(64, 11, 12, 6, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1), false, FusedActivation.LeakyReLU),
        ["one output position"] = (Conv(3, 3, 3, 5, 3, 3), false, FusedActivation.Identity),
        ["many filters over few positions"] = (Conv(2, 4, 8, 9, 3, 3), false, FusedActivation.Identity),
        ["padding beyond the kernel's reach"] = (Conv(2, 5, 5, 3, 2, 2, pt: 3, pl: 3, pb: 3, pr: 3), false, FusedActivation.Identity),
        ["rectangular, odd sizes"] = (Conv(3, 4, 5, 7, 2, 3, pt: 1, pl: 0, pb: 1, pr: 0), false, FusedActivation.Identity),
        ["conv1d stride 2 padding 2"] = (Conv1(3, 50, 4, 5, s: 2, pl: 2, pr: 2), true, FusedActivation.ReLU),
        ["conv1d causal, dilation 3, groups 3"] = (Conv1(3, 29, 6, 3, pl: 6, pr: 0, d: 3, g: 3), true, FusedActivation.Identity),
        ["conv1d pointwise"] = (Conv1(5, 21, 3, 1), true, FusedActivation.Identity),
    };

    /// <summary>
    /// Output widths 1 to 20 (every tail of a vector of 4 doubles or 8 floats, rows of less than one vector to more
    /// than two) with one input channel (a 9-tap patch: rows of a vector or more are written row by row) and with
    /// six (a 54-tap patch: they go over the virtual grid, then into place); three or five output rows, so the grid
    /// length <c>3·W + 4</c> or <c>5·W + 8</c> takes every tail too; 1 to 5 filters (whole tiles of four and every
    /// remainder); odd widths padded (the zero frame); the fused activation cycling through all five.
    /// </summary>
    public static TheoryData<int, int> TailSweep
    {
        get
        {
            var data = new TheoryData<int, int>();
            foreach (int channels in (int[])[1, 6])
            {
                for (int outWidth = 1; outWidth <= 20; outWidth++)
                {
                    data.Add(outWidth, channels);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_and_backward_match_torch_in_double(string name) => Compare<double>(name, Cases[name]);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_and_backward_match_torch_in_float(string name) => Compare<float>(name, Cases[name]);

    [Theory]
    [MemberData(nameof(TailSweep))]
    public void Every_tail_of_the_direct_path_matches_torch(int outWidth, int channels)
    {
        int padding = outWidth % 2;
        int height = 5, width = outWidth + 2 - (2 * padding);
        var geometry = Conv(channels, height, width, 1 + (outWidth % 5), 3, 3, pt: padding, pl: padding, pb: padding, pr: padding);
        var testCase = (geometry, false, (FusedActivation)(outWidth % 5));
        Assert.Equal(outWidth, geometry.OutWidth);
        Compare<double>($"width {outWidth}, {channels} channels", testCase);
        Compare<float>($"width {outWidth}, {channels} channels", testCase);
    }

    internal static Conv2DGeometry Conv(
        int c, int h, int w, int f, int kh, int kw, int sh = 1, int sw = 1, int pt = 0, int pl = 0, int pb = 0, int pr = 0, int dh = 1, int dw = 1, int g = 1) =>
        new(c, h, w, f, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw, g);

    internal static Conv2DGeometry Conv1(int c, int l, int f, int k, int s = 1, int pl = 0, int pr = 0, int d = 1, int g = 1) =>
        new(c, 1, l, f, 1, k, 1, s, 0, pl, 0, pr, 1, d, g);

    private void Compare<T>(string name, (Conv2DGeometry Geometry, bool OneDimensional, FusedActivation Activation) testCase)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (Conv2DGeometry geometry, bool oneDimensional, FusedActivation activation) = testCase;
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
        T[] scratch = KernelData.Poisoned<T>(ConvolutionKernel.ScratchLength(geometry));
        T[] dz = (T[])dy.Clone();
        for (int s = 0; s < Samples; s++)
        {
            ReadOnlySpan<T> sampleInput = x.AsSpan(s * geometry.InputLength, geometry.InputLength);
            Span<T> sampleOutput = y.AsSpan(s * geometry.OutputLength, geometry.OutputLength);
            Span<T> sampleDelta = dz.AsSpan(s * geometry.OutputLength, geometry.OutputLength);
            FusedActivations.Forward(activation, geometry, sampleInput, w, b, sampleOutput, scratch);
            FusedActivations.Backward<T>(activation, sampleOutput, sampleDelta);
            ConvolutionKernel.Backward(geometry, sampleInput, w, sampleDelta, dw, db, dx.AsSpan(s * geometry.InputLength, geometry.InputLength), scratch);
            ConvolutionKernel.Backward(geometry, sampleInput, w, sampleDelta, skippedDw, skippedDb, Span<T>.Empty, scratch);
        }

        (double[] torchOutput, double[] torchInputGradient, double[] torchWeightGradient, double[] torchBiasGradient) =
            Torch<T>(geometry, oneDimensional, activation, input, weights, bias, outputGradient);

        double tolerance = KernelData.Tolerance<T>();
        var forward = new Agreement();
        var backward = new Agreement();
        forward.Check("output", y, torchOutput, tolerance);
        backward.Check("input gradient", dx, torchInputGradient, tolerance);
        backward.Check("weight gradient", dw, initialWeightGradient.Zip(torchWeightGradient, (start, added) => start + added).ToArray(), tolerance);
        backward.Check("bias gradient", db, initialBiasGradient.Zip(torchBiasGradient, (start, added) => start + added).ToArray(), tolerance);
        Assert.Equal(dw, skippedDw);
        Assert.Equal(db, skippedDb);
        _output.WriteLine($"{name}, {activation} ({typeof(T).Name}): forward {forward}; backward {backward}");
    }

    /// <summary>
    /// Torch's output and gradients for the batch. Asymmetric padding is <c>F.pad</c> (left, right, top, bottom)
    /// followed by an unpadded convolution, as PyTorch users write it; the activation follows the convolution.
    /// </summary>
    private static (double[] Output, double[] InputGradient, double[] WeightGradient, double[] BiasGradient) Torch<T>(
        Conv2DGeometry g, bool oneDimensional, FusedActivation activation, double[] input, double[] weights, double[] bias, double[] outputGradient)
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

        y = FusedActivations.Torch(activation, y);
        long[] expectedShape = oneDimensional ? [Samples, g.OutChannels, g.OutWidth] : [Samples, g.OutChannels, g.OutHeight, g.OutWidth];
        Assert.Equal(expectedShape, y.shape);
        y.backward([KernelData.Tensor<T>(outputGradient, y.shape)]);
        return (KernelData.Values(y), KernelData.Values(x.grad!), KernelData.Values(w.grad!), KernelData.Values(b.grad!));
    }
}
