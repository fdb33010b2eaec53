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
/// <see cref="PoolKernel"/> against <c>max_pool2d</c>/<c>avg_pool2d</c> (and their 1-d forms) and
/// <c>adaptive_avg_pool2d(1)</c>, forward and autograd backward, two samples per geometry.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class PoolKernelTorchTests
{
    private const int Samples = 2;

    private readonly ITestOutputHelper _output;

    public PoolKernelTorchTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    /// <summary>
    /// The geometries: overlapping, padded and strided windows of every shape, and pair windows (2 wide at stride 2,
    /// which max pooling runs on vectors in float: 128-bit ones for rows of 4 to 7 outputs, full-width ones from 8)
    /// with outputs 4 to 16 wide (every tail of both), odd widths and heights (a column and a row no window covers),
    /// in 2-D and 1-D.
    /// </summary>
    internal static Dictionary<string, (PoolGeometry Geometry, bool OneDimensional)> Cases { get; } = CreateCases();

    private static Dictionary<string, (PoolGeometry Geometry, bool OneDimensional)> CreateCases()
    {
        var cases = new Dictionary<string, (PoolGeometry Geometry, bool OneDimensional)>
        {
            ["2x2 stride 2"] = (new PoolGeometry(3, 8, 8, 2, 2, 2, 2, 0, 0), false),
            ["3x3 stride 2 padding 1, odd sizes"] = (new PoolGeometry(2, 9, 11, 3, 3, 2, 2, 1, 1), false),
            ["3x2 stride 1x2 padding 1x1"] = (new PoolGeometry(4, 7, 10, 3, 2, 1, 2, 1, 1), false),
            ["overlapping 3x3 stride 1 padding 1"] = (new PoolGeometry(2, 6, 5, 3, 3, 1, 1, 1, 1), false),
            ["windows leave the last rows unused"] = (new PoolGeometry(2, 10, 11, 3, 3, 3, 3, 0, 0), false),
            ["1-d kernel 4 stride 3 padding 2"] = (new PoolGeometry(4, 1, 23, 1, 4, 1, 3, 0, 2), true),
            ["1-d kernel 2 stride 2"] = (new PoolGeometry(3, 1, 16, 1, 2, 1, 2, 0, 0), true),
        };
        for (int width = 8; width <= 33; width++)
        {
            int height = 4 + (width % 2);
            cases[$"pair windows {height}x{width}"] = (new PoolGeometry(2, height, width, 2, 2, 2, 2, 0, 0), false);
        }

        for (int width = 8; width <= 11; width++)
        {
            cases[$"1-d pair windows {width}"] = (new PoolGeometry(2, 1, width, 1, 2, 1, 2, 0, 0), true);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Max_pool_matches_torch_in_double(string name) => CompareMax<double>(name, RandomInput);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Max_pool_matches_torch_in_float(string name) => CompareMax<float>(name, RandomInput);

    /// <summary>
    /// Inputs drawn from {−∞, −0, 0, 1, +∞, NaN}: windows full of ties, windows that are all −∞, several NaNs in one
    /// window, NaN beside an infinity.
    /// The output and where the gradient goes must match torch exactly (first maximum wins a tie, NaN beats all).
    /// </summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Max_pool_breaks_ties_and_handles_NaN_like_torch(string name)
    {
        CompareMax<double>(name, TiesAndNaN);
        CompareMax<float>(name, TiesAndNaN);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Average_pool_matches_torch_in_double(string name) => CompareAverage<double>(name);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Average_pool_matches_torch_in_float(string name) => CompareAverage<float>(name);

    [Theory]
    [InlineData(5, 7, 9)]
    [InlineData(6, 1, 13)]
    [InlineData(3, 1, 1)]
    [InlineData(2, 16, 16)]
    public void Global_average_pool_matches_torch(int channels, int height, int width)
    {
        CompareGlobalAverage<double>(channels, height, width);
        CompareGlobalAverage<float>(channels, height, width);
    }

    private static double[] RandomInput(Random random, int length) => KernelData.Uniform(random, length);

    private static double[] TiesAndNaN(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => random.Next(9) switch
        {
            0 => double.NaN,
            1 or 2 => double.NegativeInfinity,
            3 => -0.0,
            4 => 0.0,
            5 => double.PositiveInfinity,
            _ => 1.0,
        }).ToArray();

    private void CompareMax<T>(string name, Func<Random, int, double[]> draw)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (PoolGeometry geometry, bool oneDimensional) = Cases[name];
        var random = new Random(name.Length * 17);
        double[] input = KernelData.Rounded<T>(draw(random, Samples * geometry.InputLength));
        double[] outputGradient = KernelData.Rounded<T>(KernelData.Uniform(random, Samples * geometry.OutputLength));
        T[] x = KernelData.Cast<T>(input), dy = KernelData.Cast<T>(outputGradient);
        T[] y = KernelData.Poisoned<T>(Samples * geometry.OutputLength);
        T[] dx = KernelData.Poisoned<T>(Samples * geometry.InputLength);
        for (int s = 0; s < Samples; s++)
        {
            ReadOnlySpan<T> sampleInput = x.AsSpan(s * geometry.InputLength, geometry.InputLength);
            PoolKernel.MaxForward(geometry, sampleInput, y.AsSpan(s * geometry.OutputLength, geometry.OutputLength));
            PoolKernel.MaxBackward(geometry, sampleInput, dy.AsSpan(s * geometry.OutputLength, geometry.OutputLength), dx.AsSpan(s * geometry.InputLength, geometry.InputLength));
        }

        (double[] torchOutput, double[] torchInputGradient) = Torch<T>(geometry, oneDimensional, input, outputGradient, (t, g) => oneDimensional
            ? nn.functional.max_pool1d(t, g.KernelWidth, g.StrideWidth, g.PaddingWidth)
            : nn.functional.max_pool2d(t, [g.KernelHeight, g.KernelWidth], [g.StrideHeight, g.StrideWidth], [g.PaddingHeight, g.PaddingWidth]));
        var agreement = new Agreement();
        agreement.Check("output", y, torchOutput, KernelData.Tolerance<T>());
        agreement.Check("input gradient", dx, torchInputGradient, KernelData.Tolerance<T>());
        _output.WriteLine($"max pool {name} ({typeof(T).Name}): {agreement}");
    }

    private void CompareAverage<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (PoolGeometry geometry, bool oneDimensional) = Cases[name];
        var random = new Random(name.Length * 19);
        double[] input = KernelData.Rounded<T>(KernelData.Uniform(random, Samples * geometry.InputLength));
        double[] outputGradient = KernelData.Rounded<T>(KernelData.Uniform(random, Samples * geometry.OutputLength));
        T[] x = KernelData.Cast<T>(input), dy = KernelData.Cast<T>(outputGradient);
        T[] y = KernelData.Poisoned<T>(Samples * geometry.OutputLength);
        T[] dx = KernelData.Poisoned<T>(Samples * geometry.InputLength);
        for (int s = 0; s < Samples; s++)
        {
            PoolKernel.AverageForward(geometry, x.AsSpan(s * geometry.InputLength, geometry.InputLength), y.AsSpan(s * geometry.OutputLength, geometry.OutputLength));
            PoolKernel.AverageBackward(geometry, dy.AsSpan(s * geometry.OutputLength, geometry.OutputLength), dx.AsSpan(s * geometry.InputLength, geometry.InputLength));
        }

        (double[] torchOutput, double[] torchInputGradient) = Torch<T>(geometry, oneDimensional, input, outputGradient, (t, g) => oneDimensional
            ? nn.functional.avg_pool1d(t, g.KernelWidth, g.StrideWidth, g.PaddingWidth)
            : nn.functional.avg_pool2d(t, [g.KernelHeight, g.KernelWidth], [g.StrideHeight, g.StrideWidth], [g.PaddingHeight, g.PaddingWidth]));
        var agreement = new Agreement();
        agreement.Check("output", y, torchOutput, KernelData.Tolerance<T>());
        agreement.Check("input gradient", dx, torchInputGradient, KernelData.Tolerance<T>());
        _output.WriteLine($"average pool {name} ({typeof(T).Name}): {agreement}");
    }

    private void CompareGlobalAverage<T>(int channels, int height, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int spatial = height * width;
        var random = new Random(channels * spatial);
        double[] input = KernelData.Rounded<T>(KernelData.Uniform(random, Samples * channels * spatial));
        double[] outputGradient = KernelData.Rounded<T>(KernelData.Uniform(random, Samples * channels));
        T[] x = KernelData.Cast<T>(input), dy = KernelData.Cast<T>(outputGradient);
        T[] y = KernelData.Poisoned<T>(Samples * channels);
        T[] dx = KernelData.Poisoned<T>(Samples * channels * spatial);
        for (int s = 0; s < Samples; s++)
        {
            PoolKernel.GlobalAverageForward(channels, spatial, x.AsSpan(s * channels * spatial, channels * spatial), y.AsSpan(s * channels, channels));
            PoolKernel.GlobalAverageBackward(channels, spatial, dy.AsSpan(s * channels, channels), dx.AsSpan(s * channels * spatial, channels * spatial));
        }

        using var scope = NewDisposeScope();
        Tensor xt = KernelData.Tensor<T>(input, Samples, channels, height, width).requires_grad_();
        Tensor yt = nn.functional.adaptive_avg_pool2d(xt, [1, 1]);
        yt.backward([KernelData.Tensor<T>(outputGradient, yt.shape)]);
        var agreement = new Agreement();
        agreement.Check("output", y, KernelData.Values(yt), KernelData.Tolerance<T>());
        agreement.Check("input gradient", dx, KernelData.Values(xt.grad!), KernelData.Tolerance<T>());
        _output.WriteLine($"global average {channels}x{height}x{width} ({typeof(T).Name}): {agreement}");
    }

    private static (double[] Output, double[] InputGradient) Torch<T>(
        PoolGeometry g, bool oneDimensional, double[] input, double[] outputGradient, Func<Tensor, PoolGeometry, Tensor> pool)
        where T : IFloatingPointIeee754<T>
    {
        using var scope = NewDisposeScope();
        Tensor x = oneDimensional
            ? KernelData.Tensor<T>(input, Samples, g.Channels, g.InWidth)
            : KernelData.Tensor<T>(input, Samples, g.Channels, g.InHeight, g.InWidth);
        x.requires_grad_();
        Tensor y = pool(x, g);
        long[] expectedShape = oneDimensional ? [Samples, g.Channels, g.OutWidth] : [Samples, g.Channels, g.OutHeight, g.OutWidth];
        Assert.Equal(expectedShape, y.shape);
        y.backward([KernelData.Tensor<T>(outputGradient, y.shape)]);
        return (KernelData.Values(y), KernelData.Values(x.grad!));
    }
}
