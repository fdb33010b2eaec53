using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using GenNN.Kernels;
using Xunit;

namespace GenNN.Tests.Kernels;

/// <summary>
/// <see cref="ConvolutionKernel.ForwardMaxPooled"/>, the convolution and its 2×2 max pool in one pass, gives the bits of
/// <see cref="ConvolutionKernel.Forward"/> then <see cref="PoolKernel.MaxForward"/> (both checked against PyTorch
/// elsewhere): its paths add the same products in the same order, and pooling commutes with an activation that never
/// decreases. Where the convolution's rows are narrower than a <see cref="Vector{T}"/> the unfused kernels compute
/// them one value at a time, multiplying and adding apart and taking sigmoid and tanh by the scalar formula, and where
/// its product has fewer than three vectors of positions they sum in two chains: there the two agree to a few units in
/// the last place instead, as they do for sigmoid and tanh everywhere. The cases reach each path where the machine takes it (on cores with full-width 512-bit units: whole
/// vectors of filters, half a vector of float filters, every run length of both), and the cases it leaves to the
/// unfused kernels everywhere (stride, groups, kernel width, filter counts, too little room).
/// </summary>
public sealed class ConvolutionMaxPooledKernelTests
{
    public static TheoryData<string, Conv2DGeometry, FusedActivation> Cases => new()
    {
        { "LeNet's second convolution: one vector of float filters, runs of 5", Conv(8, 13, 13, 16, 3, 3), FusedActivation.ReLU },
        { "LeNet's first convolution: half a vector of float filters, runs of 7 and 6", Conv(1, 28, 28, 8, 3, 3), FusedActivation.ReLU },
        { "two vectors of filters, padded, even output", Conv(3, 10, 10, 32, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1), FusedActivation.Identity },
        { "taller kernel with vertical dilation, odd width: runs of 3", Conv(2, 12, 9, 16, 5, 3, dh: 2), FusedActivation.LeakyReLU },
        { "one row of a kernel: runs of 1", Conv(4, 5, 5, 16, 1, 3), FusedActivation.Tanh },
        { "runs of 4 and 4", Conv(2, 18, 18, 16, 3, 3), FusedActivation.Sigmoid },
        { "runs of 6", Conv(2, 14, 14, 16, 3, 3), FusedActivation.ReLU },
        { "runs of 4 and 3", Conv(1, 16, 16, 16, 3, 3), FusedActivation.Identity },
        { "runs of 2", Conv(1, 6, 6, 16, 3, 3), FusedActivation.LeakyReLU },
        { "half a vector of filters, runs of 8 and 8", Conv(1, 34, 34, 8, 3, 3), FusedActivation.LeakyReLU },
        { "half a vector of filters, a run of 5, padded", Conv(1, 4, 10, 8, 3, 3, pt: 1, pl: 1, pb: 1, pr: 1), FusedActivation.Tanh },
        { "half a vector of filters, runs of 1 to 4", Conv(1, 7, 20, 8, 3, 3), FusedActivation.Identity },
        { "an output of two vectors, which the unfused product sums in two chains", Conv(1, 4, 10, 16, 3, 3), FusedActivation.ReLU },
        { "left to the unfused kernels: stride 2", Conv(3, 15, 15, 16, 3, 3, sh: 2, sw: 2), FusedActivation.ReLU },
        { "left to the unfused kernels: groups", Conv(4, 10, 10, 16, 3, 3, g: 2), FusedActivation.ReLU },
        { "left to the unfused kernels: kernel 5 wide", Conv(2, 10, 10, 16, 3, 5), FusedActivation.ReLU },
        { "left to the unfused kernels: 12 filters", Conv(2, 10, 10, 12, 3, 3), FusedActivation.Sigmoid },
        { "left to the unfused kernels: no room for the weights", Conv(16, 4, 4, 16, 3, 3), FusedActivation.ReLU },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_the_convolution_then_the_pool_bit_for_bit_in_float(string name, Conv2DGeometry geometry, FusedActivation activation)
        => Compare<float>(name, geometry, activation);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_the_convolution_then_the_pool_bit_for_bit_in_double(string name, Conv2DGeometry geometry, FusedActivation activation)
        => Compare<double>(name, geometry, activation);

    private static void Compare<T>(string name, Conv2DGeometry geometry, FusedActivation activation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pool = new PoolGeometry(geometry.OutChannels, geometry.OutHeight, geometry.OutWidth, 2, 2, 2, 2, 0, 0);
        var random = new Random(name.Length * 17);
        T[] input = KernelData.Cast<T>(KernelData.Uniform(random, geometry.InputLength));
        T[] weights = KernelData.Cast<T>(KernelData.Uniform(random, geometry.WeightsLength));
        T[] bias = KernelData.Cast<T>(KernelData.Uniform(random, geometry.OutChannels));

        T[] convolved = KernelData.Poisoned<T>(geometry.OutputLength);
        T[] scratch = KernelData.Poisoned<T>(ConvolutionKernel.ScratchLength(geometry));
        T[] expected = KernelData.Poisoned<T>(pool.OutputLength);
        FusedActivations.Forward<T>(activation, geometry, input, weights, bias, convolved, scratch);
        PoolKernel.MaxForward<T>(pool, convolved, expected);

        // One value past each end of the output, so that a store beyond it shows.
        T[] guarded = KernelData.Poisoned<T>(pool.OutputLength + 2);
        T sentinel = T.CreateTruncating(12345);
        guarded[0] = guarded[^1] = sentinel;
        convolved = KernelData.Poisoned<T>(geometry.OutputLength);
        scratch = KernelData.Poisoned<T>(ConvolutionKernel.ScratchLength(geometry));
        ForwardMaxPooled(activation, geometry, pool, input, weights, bias, convolved, guarded.AsSpan(1, pool.OutputLength), scratch);

        Assert.Equal(sentinel, guarded[0]);
        Assert.Equal(sentinel, guarded[^1]);
        bool exact = activation is FusedActivation.Identity or FusedActivation.ReLU or FusedActivation.LeakyReLU
            && geometry.OutWidth >= Vector<T>.Count
            && geometry.OutSpatial >= 3 * Vector512<T>.Count;
        T tolerance = exact ? T.Zero : T.CreateTruncating(typeof(T) == typeof(float) ? 1e-6 : 1e-15);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(T.Abs(expected[i] - guarded[i + 1]) <= tolerance, $"{name}: value {i} is {guarded[i + 1]}, the unfused kernels give {expected[i]}");
        }
    }

    private static void ForwardMaxPooled<T>(
        FusedActivation activation, in Conv2DGeometry geometry, in PoolGeometry pool, T[] input, T[] weights, T[] bias, T[] convolved, Span<T> output, T[] scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T slope = T.CreateTruncating(FusedActivations.Slope);
        switch (activation)
        {
            case FusedActivation.Identity:
                ConvolutionKernel.ForwardMaxPooled<T, IdentityActivation<T>>(geometry, pool, input, weights, bias, convolved, output, scratch, slope);
                break;
            case FusedActivation.ReLU:
                ConvolutionKernel.ForwardMaxPooled<T, ReLUActivation<T>>(geometry, pool, input, weights, bias, convolved, output, scratch, slope);
                break;
            case FusedActivation.LeakyReLU:
                ConvolutionKernel.ForwardMaxPooled<T, LeakyReLUActivation<T>>(geometry, pool, input, weights, bias, convolved, output, scratch, slope);
                break;
            case FusedActivation.Sigmoid:
                ConvolutionKernel.ForwardMaxPooled<T, SigmoidActivation<T>>(geometry, pool, input, weights, bias, convolved, output, scratch, slope);
                break;
            default:
                ConvolutionKernel.ForwardMaxPooled<T, TanhActivation<T>>(geometry, pool, input, weights, bias, convolved, output, scratch, slope);
                break;
        }
    }

    private static Conv2DGeometry Conv(
        int c, int h, int w, int f, int kh, int kw, int sh = 1, int sw = 1, int pt = 0, int pl = 0, int pb = 0, int pr = 0, int dh = 1, int dw = 1, int g = 1)
        => ConvolutionKernelTorchTests.Conv(c, h, w, f, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw, g);
}
