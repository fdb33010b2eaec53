using System;
using System.Linq;
using GenNN.Kernels;
using Xunit;

namespace GenNN.Tests.Kernels;

/// <summary>
/// The kernels that store whole vectors past the end of a row, on the promise that the next row is written after it
/// (the pools' and the convolutions' short rows, and a dense layer's weight rows read as one 512-bit vector), never
/// write outside the span they are given: each output here is a slice of a larger array whose values on both sides
/// are sentinels, which must come out untouched, and whose contents must equal the same call on an exact array.
/// Shapes cover rows narrower than, as wide as and wider than a vector at every width, a last row that ends a span,
/// groups, one-row images and layers with fewer weights than one vector.
/// </summary>
public sealed class KernelBoundsTests
{
    private const int Guard = 40;

    private const float Sentinel = -12345.5f;

    public static TheoryData<int, int, int> PoolShapes => new()
    {
        { 1, 2, 8 }, { 3, 5, 9 }, { 8, 26, 26 }, { 16, 11, 11 }, { 2, 4, 32 }, { 2, 3, 34 }, { 5, 1, 40 }, { 1, 6, 10 },
    };

    [Theory]
    [MemberData(nameof(PoolShapes))]
    public void Max_pool_writes_its_output_span_alone(int channels, int height, int width)
    {
        int windowHeight = height == 1 ? 1 : 2;
        var geometry = new PoolGeometry(channels, height, width, windowHeight, 2, windowHeight, 2, 0, 0);
        float[] input = Values(geometry.InputLength, seed: height * width);

        float[] expected = new float[geometry.OutputLength];
        PoolKernel.MaxForward<float>(geometry, input, expected);
        float[] guarded = Guarded(geometry.OutputLength);
        PoolKernel.MaxForward<float>(geometry, GuardedInput(input), guarded.AsSpan(Guard, geometry.OutputLength));

        AssertGuarded(expected, guarded);
    }

    public static TheoryData<int, int, int, int, int, int> ConvolutionShapes => new()
    {
        // channels, height, width, filters, kernel, groups: 11-wide rows off a 13-wide grid (the LeNet layer),
        // rows as wide as a 256-bit or a 512-bit vector, rows of one value, one-row (1-D) inputs, groups.
        { 8, 13, 13, 16, 3, 1 },
        { 2, 10, 10, 5, 3, 1 },
        { 3, 7, 18, 4, 3, 1 },
        { 4, 6, 3, 6, 3, 2 },
        { 1, 1, 40, 3, 5, 1 },
        { 6, 9, 12, 9, 2, 3 },
    };

    [Theory]
    [MemberData(nameof(ConvolutionShapes))]
    public void Convolution_writes_its_output_span_alone(int channels, int height, int width, int filters, int kernel, int groups)
    {
        int kernelHeight = height == 1 ? 1 : kernel;
        var geometry = new Conv2DGeometry(channels, height, width, filters, kernelHeight, kernel, 1, 1, 0, 0, 0, 0, 1, 1, groups);
        float[] input = Values(geometry.InputLength, seed: width), weights = Values(geometry.WeightsLength, seed: 2), bias = Values(filters, seed: 3);
        float[] scratch = new float[ConvolutionKernel.ScratchLength(geometry)];

        float[] expected = new float[geometry.OutputLength];
        ConvolutionKernel.Forward<float, ReLUActivation<float>>(geometry, input, weights, bias, expected, scratch, 0f);
        float[] guarded = Guarded(geometry.OutputLength);
        ConvolutionKernel.Forward<float, ReLUActivation<float>>(geometry, GuardedInput(input), weights, bias, guarded.AsSpan(Guard, geometry.OutputLength), scratch, 0f);

        AssertGuarded(expected, guarded);
    }

    [Theory]
    [InlineData(400, 10)]
    [InlineData(1, 10)]
    [InlineData(2, 9)]
    [InlineData(3, 15)]
    [InlineData(37, 12)]
    public void Dense_forward_writes_its_output_span_alone(int inputs, int outputs)
    {
        float[] input = Values(inputs, seed: inputs), weights = Values(inputs * outputs, seed: outputs), bias = Values(outputs, seed: 5);

        float[] expected = new float[outputs];
        DenseKernel.Forward<float, IdentityActivation<float>>(weights, bias, input, expected, 0f);
        float[] guarded = Guarded(outputs);
        float[] guardedWeights = Guarded(weights.Length);
        weights.CopyTo(guardedWeights, Guard);
        DenseKernel.Forward<float, IdentityActivation<float>>(guardedWeights.AsSpan(Guard, weights.Length), bias, input, guarded.AsSpan(Guard, outputs), 0f);

        AssertGuarded(expected, guarded);
    }

    private static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.4)).ToArray();
    }

    private static float[] Guarded(int length) => Enumerable.Repeat(Sentinel, length + (2 * Guard)).ToArray();

    /// <summary>The input inside sentinels too, so that a read past its end would change the result.</summary>
    private static ReadOnlySpan<float> GuardedInput(float[] input)
    {
        float[] guarded = Guarded(input.Length);
        input.CopyTo(guarded, Guard);
        return guarded.AsSpan(Guard, input.Length);
    }

    private static void AssertGuarded(float[] expected, float[] guarded)
    {
        for (int i = 0; i < Guard; i++)
        {
            Assert.True(guarded[i] == Sentinel, $"the value {Guard - i} before the span was overwritten");
            Assert.True(guarded[Guard + expected.Length + i] == Sentinel, $"the value {i} after the span was overwritten");
        }

        Assert.Equal(expected, guarded.AsSpan(Guard, expected.Length).ToArray());
    }
}
