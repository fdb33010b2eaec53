using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
/// stride 2 (2×2 or 1-D 2) in float, which runs on 128-bit vectors (SSE, AVX and NEON alike): a scalar scan's
/// data-dependent branches mispredict on about every other window, which cost more than all the arithmetic.
/// Global average pooling uses vectorized sums.
/// The spans must have the geometry's lengths (not checked: generated code guarantees them); nothing is allocated.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PoolKernel
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
        int outWidth = geometry.OutWidth;
        int outPlaneLength = geometry.OutHeight * outWidth;
        for (int channel = 0; channel < geometry.Channels; channel++)
        {
            ReadOnlySpan<T> plane = input.Slice(channel * planeLength, planeLength);
            Span<T> outPlane = output.Slice(channel * outPlaneLength, outPlaneLength);
            for (int oy = 0; oy < geometry.OutHeight; oy++)
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
        int outWidth = geometry.OutWidth;
        int outPlaneLength = geometry.OutHeight * outWidth;
        for (int channel = 0; channel < geometry.Channels; channel++)
        {
            ReadOnlySpan<T> plane = input.Slice(channel * planeLength, planeLength);
            ReadOnlySpan<T> outPlaneGradient = outputGradient.Slice(channel * outPlaneLength, outPlaneLength);
            Span<T> planeGradient = inputGradient.Slice(channel * planeLength, planeLength);
            for (int oy = 0; oy < geometry.OutHeight; oy++)
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
        int outWidth = geometry.OutWidth;
        int outPlaneLength = geometry.OutHeight * outWidth;
        T windowSize = T.CreateTruncating(geometry.KernelHeight * geometry.KernelWidth);
        for (int channel = 0; channel < geometry.Channels; channel++)
        {
            ReadOnlySpan<T> plane = input.Slice(channel * planeLength, planeLength);
            Span<T> outPlane = output.Slice(channel * outPlaneLength, outPlaneLength);
            for (int oy = 0; oy < geometry.OutHeight; oy++)
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
        int outWidth = geometry.OutWidth;
        int outPlaneLength = geometry.OutHeight * outWidth;
        T windowSize = T.CreateTruncating(geometry.KernelHeight * geometry.KernelWidth);
        for (int channel = 0; channel < geometry.Channels; channel++)
        {
            ReadOnlySpan<T> outPlaneGradient = outputGradient.Slice(channel * outPlaneLength, outPlaneLength);
            Span<T> planeGradient = inputGradient.Slice(channel * planeLength, planeLength);
            for (int oy = 0; oy < geometry.OutHeight; oy++)
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

    /// <summary>
    /// Whether the vector path applies: windows 2 wide at stride 2 and, in height, 1 or 2 rows at an equal stride,
    /// no padding (so the windows tile the input without overlap), and rows of at least one 128-bit vector of outputs.
    /// </summary>
    private static bool IsVectorPairWindow(in PoolGeometry geometry) =>
        Vector128.IsHardwareAccelerated
        && geometry.KernelWidth == 2 && geometry.StrideWidth == 2 && geometry.PaddingWidth == 0 && geometry.PaddingHeight == 0
        && geometry.KernelHeight == geometry.StrideHeight && geometry.KernelHeight <= 2
        && geometry.OutWidth >= Vector128<float>.Count;

    /// <summary>
    /// Max pooling of pair windows, four outputs per step: the window's (up to) two rows are combined lane by lane,
    /// then each pair of neighbouring columns. The last step of a row is placed flush with its end, overlapping
    /// outputs already written (with the same values). Which of several equal maxima is returned (+0 or −0) is left
    /// open; a NaN anywhere in the window gives NaN.
    /// </summary>
    private static void PairMaxForward(in PoolGeometry geometry, ReadOnlySpan<float> input, Span<float> output)
    {
        int width = geometry.InWidth, outWidth = geometry.OutWidth, windowRows = geometry.KernelHeight;
        int lanes = Vector128<float>.Count;
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        int rows = geometry.Channels * geometry.OutHeight;
        int rowsPerPlane = geometry.OutHeight;
        for (int row = 0; row < rows; row++)
        {
            int plane = row / rowsPerPlane, oy = row - (plane * rowsPerPlane);
            ref float first = ref Unsafe.Add(ref x, (((plane * geometry.InHeight) + (oy * windowRows)) * width));
            ref float second = ref Unsafe.Add(ref first, (windowRows - 1) * width);
            ref float target = ref Unsafe.Add(ref y, row * outWidth);
            for (int ox = 0; ox < outWidth; ox += lanes)
            {
                int at = Math.Min(ox, outWidth - lanes);
                Vector128<float> low = Largest(Vector128.LoadUnsafe(ref first, (nuint)(2 * at)), Vector128.LoadUnsafe(ref second, (nuint)(2 * at)));
                Vector128<float> high = Largest(Vector128.LoadUnsafe(ref first, (nuint)((2 * at) + lanes)), Vector128.LoadUnsafe(ref second, (nuint)((2 * at) + lanes)));
                Vector128.StoreUnsafe(Largest(Evens(low, high), Odds(low, high)), ref target, (nuint)at);
            }
        }
    }

    /// <summary>
    /// The gradient of <see cref="PairMaxForward"/>, four windows per step. Each window's maximum is found by
    /// PyTorch's scan (see <see cref="ArgMax"/>) with masks: the first row's even and odd columns, then the second's;
    /// each output gradient goes to the position the scan ends on, zero to the window's others. The windows tile
    /// the input, so every position is written once (the flush last step rewrites the same values); the columns and
    /// rows no window covers get zero.
    /// </summary>
    private static void PairMaxBackward(in PoolGeometry geometry, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        int width = geometry.InWidth, outWidth = geometry.OutWidth, windowRows = geometry.KernelHeight;
        bool twoRows = windowRows == 2;
        int lanes = Vector128<float>.Count;
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float dy = ref MemoryMarshal.GetReference(outputGradient);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        int rows = geometry.Channels * geometry.OutHeight;
        int rowsPerPlane = geometry.OutHeight;
        for (int row = 0; row < rows; row++)
        {
            int plane = row / rowsPerPlane, oy = row - (plane * rowsPerPlane);
            int offset = ((plane * geometry.InHeight) + (oy * windowRows)) * width;
            ref float first = ref Unsafe.Add(ref x, offset);
            ref float second = ref Unsafe.Add(ref first, (windowRows - 1) * width);
            ref float firstGradient = ref Unsafe.Add(ref dx, offset);
            ref float secondGradient = ref Unsafe.Add(ref firstGradient, (windowRows - 1) * width);
            ref float gradient = ref Unsafe.Add(ref dy, row * outWidth);
            for (int ox = 0; ox < outWidth; ox += lanes)
            {
                int at = Math.Min(ox, outWidth - lanes);
                nuint low = (nuint)(2 * at), high = (nuint)((2 * at) + lanes);
                Vector128<float> firstLow = Vector128.LoadUnsafe(ref first, low), firstHigh = Vector128.LoadUnsafe(ref first, high);
                Vector128<float> a = Evens(firstLow, firstHigh), b = Odds(firstLow, firstHigh);
                Vector128<float> takesB = Takes(b, a);
                Vector128<float> takesC = Vector128<float>.Zero, takesD = Vector128<float>.Zero;
                if (twoRows)
                {
                    Vector128<float> secondLow = Vector128.LoadUnsafe(ref second, low), secondHigh = Vector128.LoadUnsafe(ref second, high);
                    Vector128<float> c = Evens(secondLow, secondHigh), d = Odds(secondLow, secondHigh);
                    Vector128<float> best = Vector128.ConditionalSelect(takesB, b, a);
                    takesC = Takes(c, best);
                    takesD = Takes(d, Vector128.ConditionalSelect(takesC, c, best));
                }

                Vector128<float> share = Vector128.LoadUnsafe(ref gradient, (nuint)at);
                Vector128<float> laterRow = takesC | takesD;
                StoreInterleaved(Vector128.AndNot(share, takesB | laterRow), Vector128.AndNot(takesB, laterRow) & share, ref firstGradient, low, high);
                if (twoRows)
                {
                    StoreInterleaved(Vector128.AndNot(takesC, takesD) & share, takesD & share, ref secondGradient, low, high);
                }
            }
        }

        ClearUncovered(geometry, inputGradient);
    }

    /// <summary>
    /// Zeroes the input positions no pair window covers: an odd last column (one value per row, written directly: a
    /// <c>Span.Clear</c> call per row cost more than the whole vector pass), and the rows below the last window.
    /// </summary>
    private static void ClearUncovered(in PoolGeometry geometry, Span<float> inputGradient)
    {
        int width = geometry.InWidth, covered = 2 * geometry.OutWidth, coveredRows = geometry.OutHeight * geometry.KernelHeight;
        int planeLength = geometry.InHeight * width;
        ref float gradient = ref MemoryMarshal.GetReference(inputGradient);
        for (int channel = 0; channel < geometry.Channels; channel++)
        {
            ref float plane = ref Unsafe.Add(ref gradient, channel * planeLength);
            for (int y = 0; covered < width && y < coveredRows; y++)
            {
                for (int x = covered; x < width; x++)
                {
                    Unsafe.Add(ref plane, (y * width) + x) = 0f;
                }
            }

            if (coveredRows < geometry.InHeight)
            {
                inputGradient.Slice((channel * planeLength) + (coveredRows * width), (geometry.InHeight - coveredRows) * width).Clear();
            }
        }
    }

    /// <summary>Lanes where PyTorch's scan moves from <paramref name="best"/> to <paramref name="candidate"/>: greater, or NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Takes(Vector128<float> candidate, Vector128<float> best)
        => Vector128.GreaterThan(candidate, best) | Vector128.IsNaN(candidate);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Largest(Vector128<float> first, Vector128<float> second)
        => Vector128.ConditionalSelect(Takes(second, first), second, first);

    /// <summary>The even-indexed values of the eight in <paramref name="low"/> then <paramref name="high"/>: each pair read as one 64-bit lane, its low half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Evens(Vector128<float> low, Vector128<float> high)
        => Vector128.Narrow(low.AsUInt64(), high.AsUInt64()).AsSingle();

    /// <summary>The odd-indexed values: each pair's high half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Odds(Vector128<float> low, Vector128<float> high)
        => Vector128.Narrow(Vector128.ShiftRightLogical(low.AsUInt64(), 32), Vector128.ShiftRightLogical(high.AsUInt64(), 32)).AsSingle();

    /// <summary>Stores <c>evens[0], odds[0], evens[1], odds[1], …</c>: eight values, the inverse of <see cref="Evens"/> and <see cref="Odds"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInterleaved(Vector128<float> evens, Vector128<float> odds, ref float target, nuint low, nuint high)
    {
        (Vector128<ulong> evensLow, Vector128<ulong> evensHigh) = Vector128.Widen(evens.AsUInt32());
        (Vector128<ulong> oddsLow, Vector128<ulong> oddsHigh) = Vector128.Widen(odds.AsUInt32());
        Vector128.StoreUnsafe((evensLow | Vector128.ShiftLeft(oddsLow, 32)).AsSingle(), ref target, low);
        Vector128.StoreUnsafe((evensHigh | Vector128.ShiftLeft(oddsHigh, 32)).AsSingle(), ref target, high);
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
