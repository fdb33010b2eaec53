using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;

namespace GenNN.Kernels;

/// <summary>
/// Max, average and global-average pooling of one sample, channels-first (<see cref="PoolGeometry"/>), with PyTorch's
/// semantics. Padding never contributes a value: for max pooling it acts as −∞, for average pooling as zero while
/// the divisor stays <c>KernelHeight·KernelWidth</c> (<c>count_include_pad=True</c>). With <c>ceil_mode=False</c>
/// every window lies inside the padded input, and PyTorch requires padding of at most half the kernel, so every
/// window holds at least one real input value.
/// Max pooling keeps no argmax between the passes: backward recomputes it from the input, which generated code
/// keeps anyway, with PyTorch's scan, so it agrees with torch on every tie. Windows are scanned directly (a pool's
/// work is a few reads per output, far below a convolution's), except the ubiquitous max pool of 2-wide windows at
/// stride 2 (2×2 or 1-D 2) in float, which runs on vectors (<c>PoolKernel.PairWindows.cs</c>): a scalar scan's
/// data-dependent branches mispredict on about every other window, which cost more than all the arithmetic.
/// Global average pooling uses vectorized sums.
/// The spans must have the geometry's lengths (not checked: generated code guarantees them); nothing is allocated.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class PoolKernel
{
    /// <summary><c>output[c, oy, ox]</c> = the largest input value in the window (NaN if the window holds one).</summary>
    public static void MaxForward<T>(in PoolGeometry geometry, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(input.Length == geometry.InputLength && output.Length == geometry.OutputLength, "input or output of the wrong length");
        if (typeof(T) == typeof(float) && IsVectorPairWindow(geometry))
        {
            PairMaxForward(geometry, MemoryMarshal.Cast<T, float>(input), MemoryMarshal.Cast<T, float>(output));
            return;
        }

        int planeLength = geometry.InHeight * geometry.InWidth;
        int outHeight = geometry.OutHeight, outWidth = geometry.OutWidth;
        int outPlaneLength = outHeight * outWidth;
        for (int channel = 0; channel < geometry.Channels; channel++)
        {
            ReadOnlySpan<T> plane = input.Slice(channel * planeLength, planeLength);
            Span<T> outPlane = output.Slice(channel * outPlaneLength, outPlaneLength);
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    outPlane[(oy * outWidth) + ox] = plane[ArgMax(geometry, plane, oy, ox)];
                }
            }
        }
    }

    /// <summary>
    /// Overwrites <paramref name="inputGradient"/> with dL/d(input): each output gradient goes to the input position
    /// that was its window's maximum (summed where windows overlap), all other positions get zero. The maximum is
    /// found again from <paramref name="input"/> by PyTorch's rule (see <see cref="ArgMax"/>).
    /// </summary>
    public static void MaxBackward<T>(in PoolGeometry geometry, ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(input.Length == geometry.InputLength && inputGradient.Length == geometry.InputLength, "input or its gradient of the wrong length");
        Debug.Assert(outputGradient.Length == geometry.OutputLength, "output gradient of the wrong length");
        if (typeof(T) == typeof(float) && IsVectorPairWindow(geometry))
        {
            PairMaxBackward(geometry, MemoryMarshal.Cast<T, float>(input), MemoryMarshal.Cast<T, float>(outputGradient), MemoryMarshal.Cast<T, float>(inputGradient));
            return;
        }

        inputGradient.Clear();
        int planeLength = geometry.InHeight * geometry.InWidth;
        int outHeight = geometry.OutHeight, outWidth = geometry.OutWidth;
        int outPlaneLength = outHeight * outWidth;
        for (int channel = 0; channel < geometry.Channels; channel++)
        {
            ReadOnlySpan<T> plane = input.Slice(channel * planeLength, planeLength);
            ReadOnlySpan<T> outPlaneGradient = outputGradient.Slice(channel * outPlaneLength, outPlaneLength);
            Span<T> planeGradient = inputGradient.Slice(channel * planeLength, planeLength);
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    planeGradient[ArgMax(geometry, plane, oy, ox)] += outPlaneGradient[(oy * outWidth) + ox];
                }
            }
        }
    }

    /// <summary><c>output[c, oy, ox]</c> = the sum of the window's input values over <c>KernelHeight·KernelWidth</c>, padding counted as zeros.</summary>
    public static void AverageForward<T>(in PoolGeometry geometry, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(input.Length == geometry.InputLength && output.Length == geometry.OutputLength, "input or output of the wrong length");
        int width = geometry.InWidth;
        int planeLength = geometry.InHeight * width;
        int outHeight = geometry.OutHeight, outWidth = geometry.OutWidth;
        int outPlaneLength = outHeight * outWidth;
        T windowSize = T.CreateTruncating(geometry.KernelHeight * geometry.KernelWidth);
        for (int channel = 0; channel < geometry.Channels; channel++)
        {
            ReadOnlySpan<T> plane = input.Slice(channel * planeLength, planeLength);
            Span<T> outPlane = output.Slice(channel * outPlaneLength, outPlaneLength);
            for (int oy = 0; oy < outHeight; oy++)
            {
                (int firstY, int endY) = WindowRows(geometry, oy);
                for (int ox = 0; ox < outWidth; ox++)
                {
                    (int firstX, int endX) = WindowColumns(geometry, ox);
                    T sum = T.Zero;
                    for (int iy = firstY; iy < endY; iy++)
                    {
                        for (int ix = firstX; ix < endX; ix++)
                        {
                            sum += plane[(iy * width) + ix];
                        }
                    }

                    outPlane[(oy * outWidth) + ox] = sum / windowSize;
                }
            }
        }
    }

    /// <summary>
    /// Overwrites <paramref name="inputGradient"/> with dL/d(input): each output gradient, divided by
    /// <c>KernelHeight·KernelWidth</c>, is added to every real input position of its window.
    /// </summary>
    public static void AverageBackward<T>(in PoolGeometry geometry, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(outputGradient.Length == geometry.OutputLength && inputGradient.Length == geometry.InputLength, "gradient of the wrong length");
        inputGradient.Clear();
        int width = geometry.InWidth;
        int planeLength = geometry.InHeight * width;
        int outHeight = geometry.OutHeight, outWidth = geometry.OutWidth;
        int outPlaneLength = outHeight * outWidth;
        T windowSize = T.CreateTruncating(geometry.KernelHeight * geometry.KernelWidth);
        for (int channel = 0; channel < geometry.Channels; channel++)
        {
            ReadOnlySpan<T> outPlaneGradient = outputGradient.Slice(channel * outPlaneLength, outPlaneLength);
            Span<T> planeGradient = inputGradient.Slice(channel * planeLength, planeLength);
            for (int oy = 0; oy < outHeight; oy++)
            {
                (int firstY, int endY) = WindowRows(geometry, oy);
                for (int ox = 0; ox < outWidth; ox++)
                {
                    (int firstX, int endX) = WindowColumns(geometry, ox);
                    T share = outPlaneGradient[(oy * outWidth) + ox] / windowSize;
                    for (int iy = firstY; iy < endY; iy++)
                    {
                        for (int ix = firstX; ix < endX; ix++)
                        {
                            planeGradient[(iy * width) + ix] += share;
                        }
                    }
                }
            }
        }
    }

    /// <summary><c>output[c] = mean(input[c, :])</c> over each channel's <paramref name="spatial"/> values (<c>AdaptiveAvgPool2d(1)</c>).</summary>
    public static void GlobalAverageForward<T>(int channels, int spatial, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(input.Length == channels * spatial && output.Length == channels, "input or output of the wrong length");
        T count = T.CreateTruncating(spatial);
        for (int channel = 0; channel < channels; channel++)
        {
            output[channel] = LayerNormKernel.Sum(input.Slice(channel * spatial, spatial)) / count;
        }
    }

    /// <summary>Overwrites <paramref name="inputGradient"/>: every value of channel <c>c</c> gets <c>outputGradient[c] / spatial</c>.</summary>
    public static void GlobalAverageBackward<T>(int channels, int spatial, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(outputGradient.Length == channels && inputGradient.Length == channels * spatial, "gradient of the wrong length");
        T count = T.CreateTruncating(spatial);
        for (int channel = 0; channel < channels; channel++)
        {
            inputGradient.Slice(channel * spatial, spatial).Fill(outputGradient[channel] / count);
        }
    }

    /// <summary>
    /// The index in <paramref name="plane"/> of output <c>(oy, ox)</c>'s maximum, by PyTorch's rule
    /// (<c>cpu_max_pool</c>): start from −∞ at the window's first real position, scan rows then columns, and move to a
    /// value that is greater than the current maximum or is NaN. Ties thus keep the first maximum, and a NaN always
    /// wins (the last NaN if there are several).
    /// </summary>
    private static int ArgMax<T>(in PoolGeometry geometry, ReadOnlySpan<T> plane, int oy, int ox)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = geometry.InWidth;
        (int firstY, int endY) = WindowRows(geometry, oy);
        (int firstX, int endX) = WindowColumns(geometry, ox);
        int best = (firstY * width) + firstX;
        T largest = T.NegativeInfinity;
        for (int iy = firstY; iy < endY; iy++)
        {
            for (int at = (iy * width) + firstX, end = (iy * width) + endX; at < end; at++)
            {
                T value = plane[at];
                if (value > largest || T.IsNaN(value))
                {
                    largest = value;
                    best = at;
                }
            }
        }

        return best;
    }

    /// <summary>The input rows <c>[First, End)</c> of output row <paramref name="oy"/>'s window, without the padding.</summary>
    private static (int First, int End) WindowRows(in PoolGeometry geometry, int oy)
    {
        int start = (oy * geometry.StrideHeight) - geometry.PaddingHeight;
        return (Math.Max(start, 0), Math.Min(start + geometry.KernelHeight, geometry.InHeight));
    }

    /// <summary>The input columns <c>[First, End)</c> of output column <paramref name="ox"/>'s window, without the padding.</summary>
    private static (int First, int End) WindowColumns(in PoolGeometry geometry, int ox)
    {
        int start = (ox * geometry.StrideWidth) - geometry.PaddingWidth;
        return (Math.Max(start, 0), Math.Min(start + geometry.KernelWidth, geometry.InWidth));
    }
}
