using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNN.Kernels;

/// <summary>
/// Max pooling of pair windows (2 wide at stride 2, 1 or 2 rows high, no padding) in float, on vectors: the windows
/// tile the input, so a row of windows is two input rows read whole, their even and odd columns separated (on x86 by
/// shuffles within 128-bit lanes, see <see cref="IPairLanes{TVector}.PairMaxima"/>; elsewhere by narrowing each pair of
/// floats, one 64-bit lane, to its low or high half). Rows of at least a
/// <see cref="Vector{T}"/> of outputs use full-width vectors, narrower rows (down to four outputs) 128-bit ones;
/// the one algorithm runs on both through <see cref="IPairLanes{TVector}"/>. On a core with full-width 512-bit
/// units, rows of at most 16 outputs take one 512-bit step a row instead (<see cref="PairMaxRowsForward"/>).
/// </summary>
public static partial class PoolKernel
{
    /// <summary>
    /// Whether the vector path applies: pair windows (so they tile the input without overlap) and rows of at least
    /// one 128-bit vector of outputs.
    /// </summary>
    private static bool IsVectorPairWindow(in PoolGeometry geometry) =>
        Vector128.IsHardwareAccelerated
        && geometry.KernelWidth == 2 && geometry.StrideWidth == 2 && geometry.PaddingWidth == 0 && geometry.PaddingHeight == 0
        && geometry.KernelHeight == geometry.StrideHeight && geometry.KernelHeight <= 2
        && geometry.OutWidth >= Vector128<float>.Count;

    private static bool UsesWideLanes(in PoolGeometry geometry) => Vector.IsHardwareAccelerated && geometry.OutWidth >= Vector<float>.Count;

    private static void PairMaxForward(in PoolGeometry geometry, ReadOnlySpan<float> input, Span<float> output)
    {
        if (VectorWidth.UsesFullWidthVector512<float>() && Avx512F.IsSupported && geometry.OutWidth <= Vector512<float>.Count)
        {
            PairMaxRowsForward(geometry, input, output);
            return;
        }

        if (UsesWideLanes(geometry))
        {
            PairMaxForward<Vector<float>, WideLanes>(geometry, input, output);
        }
        else
        {
            PairMaxForward<Vector128<float>, NarrowLanes>(geometry, input, output);
        }
    }

    private static void PairMaxBackward(in PoolGeometry geometry, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        if (UsesWideLanes(geometry))
        {
            PairMaxBackward<Vector<float>, WideLanes>(geometry, input, outputGradient, inputGradient);
        }
        else
        {
            PairMaxBackward<Vector128<float>, NarrowLanes>(geometry, input, outputGradient, inputGradient);
        }

        ClearUncovered(geometry, inputGradient);
    }

    /// <summary>
    /// A vector of outputs per step: the window's (up to) two rows are combined lane by lane, then each pair of
    /// neighbouring columns. The last step of a row is placed flush with its end, overlapping outputs already
    /// written (with the same values). Which of several equal maxima is returned (+0 or −0) is left open; a NaN
    /// anywhere in the window gives NaN.
    /// </summary>
    private static void PairMaxForward<TVector, TLanes>(in PoolGeometry geometry, ReadOnlySpan<float> input, Span<float> output)
        where TVector : struct
        where TLanes : IPairLanes<TVector>
    {
        int width = geometry.InWidth, outWidth = geometry.OutWidth, outHeight = geometry.OutHeight, windowRows = geometry.KernelHeight;
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        int rowStep = windowRows * width, planeLength = geometry.InHeight * width;
        for (int plane = 0; plane < geometry.Channels; plane++)
        {
            ref float first = ref Unsafe.Add(ref x, plane * planeLength);
            for (int oy = 0; oy < outHeight; oy++, first = ref Unsafe.Add(ref first, rowStep), y = ref Unsafe.Add(ref y, outWidth))
            {
                PairMaxRow<TVector, TLanes>(ref first, ref Unsafe.Add(ref first, (windowRows - 1) * width), ref y, outWidth);
            }
        }
    }

    /// <summary>One row of windows of <see cref="PairMaxForward{TVector, TLanes}"/>, its rows of inputs at <paramref name="first"/> and <paramref name="second"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PairMaxRow<TVector, TLanes>(ref float first, ref float second, ref float y, int outWidth)
        where TVector : struct
        where TLanes : IPairLanes<TVector>
    {
        int lanes = TLanes.Count;
        for (int ox = 0; ox < outWidth; ox += lanes)
        {
            int at = Math.Min(ox, outWidth - lanes);
            nuint low = (nuint)(2 * at), high = (nuint)((2 * at) + lanes);
            TVector lowMaxima = TLanes.Largest(TLanes.Load(ref first, low), TLanes.Load(ref second, low));
            TVector highMaxima = TLanes.Largest(TLanes.Load(ref first, high), TLanes.Load(ref second, high));
            TLanes.Store(TLanes.PairMaxima(lowMaxima, highMaxima), ref y, (nuint)at);
        }
    }

    /// <summary>
    /// <see cref="PairMaxForward{TVector, TLanes}"/> for rows of at most 16 outputs on a core with full-width 512-bit
    /// units (<see cref="VectorWidth.UsesFullWidthVector512"/>; measured there only): one step per row of windows,
    /// each input row read as one 512-bit vector (two for rows of more than 8 outputs), the rows combined lane by lane,
    /// then the even and odd columns picked out of both vectors at once (<c>vpermt2ps</c>) and combined. The rows are
    /// written in increasing order, each as a whole vector, so that the lanes past a row's end land on the next row,
    /// which is written after it; the values read past a row's end reach those lanes only. The last rows, whose
    /// vectors would reach past either span's end, take <see cref="PairMaxRow"/>'s narrower steps, which stay inside
    /// the row. The LeNet-size benchmark network's two pools (rows of 13 and 5 outputs, which took two overlapping
    /// 256-bit or 128-bit steps each) take about 55 % of the time they took that way on Zen 5, with their row count
    /// read once a call.
    /// </summary>
    private static void PairMaxRowsForward(in PoolGeometry geometry, ReadOnlySpan<float> input, Span<float> output)
    {
        int width = geometry.InWidth, outWidth = geometry.OutWidth, outHeight = geometry.OutHeight, windowRows = geometry.KernelHeight;
        int lanes = Vector512<float>.Count;
        int read = 2 * outWidth > lanes ? 2 * lanes : lanes;
        bool wideLanes = UsesWideLanes(geometry);
        Vector512<int> evens = Vector512<int>.Indices * 2, odds = evens + Vector512<int>.One;
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        int rowStep = windowRows * width, planeLength = geometry.InHeight * width, at = 0;
        for (int plane = 0; plane < geometry.Channels; plane++)
        {
            int first = plane * planeLength;
            for (int oy = 0; oy < outHeight; oy++, first += rowStep, at += outWidth)
            {
                int second = first + ((windowRows - 1) * width);
                if (second + read > input.Length || at + lanes > output.Length)
                {
                    if (wideLanes)
                    {
                        PairMaxRow<Vector<float>, WideLanes>(ref Unsafe.Add(ref x, first), ref Unsafe.Add(ref x, second), ref Unsafe.Add(ref y, at), outWidth);
                    }
                    else
                    {
                        PairMaxRow<Vector128<float>, NarrowLanes>(ref Unsafe.Add(ref x, first), ref Unsafe.Add(ref x, second), ref Unsafe.Add(ref y, at), outWidth);
                    }

                    continue;
                }

                Vector512<float> low = WideLanes.Largest512(Vector512.LoadUnsafe(ref x, (nuint)first), Vector512.LoadUnsafe(ref x, (nuint)second));
                Vector512<float> high = read > lanes
                    ? WideLanes.Largest512(Vector512.LoadUnsafe(ref x, (nuint)(first + lanes)), Vector512.LoadUnsafe(ref x, (nuint)(second + lanes)))
                    : low;
                Vector512<float> maxima = WideLanes.Largest512(Avx512F.PermuteVar16x32x2(low, evens, high), Avx512F.PermuteVar16x32x2(low, odds, high));
                Vector512.StoreUnsafe(maxima, ref y, (nuint)at);
            }
        }
    }

    /// <summary>
    /// The gradient of <see cref="PairMaxForward{TVector, TLanes}"/>, a vector of windows per step. Each window's
    /// maximum is found by PyTorch's scan (see <see cref="ArgMax"/>) with masks: the first row's even and odd
    /// columns, then the second's; each output gradient goes to the position the scan ends on, zero to the window's
    /// others. The windows tile the input, so every position is written once (the flush last step rewrites the same
    /// values); the caller zeroes the positions no window covers.
    /// </summary>
    private static void PairMaxBackward<TVector, TLanes>(in PoolGeometry geometry, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
        where TVector : struct
        where TLanes : IPairLanes<TVector>
    {
        int width = geometry.InWidth, outWidth = geometry.OutWidth, outHeight = geometry.OutHeight, windowRows = geometry.KernelHeight;
        bool twoRows = windowRows == 2;
        int lanes = TLanes.Count;
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float dy = ref MemoryMarshal.GetReference(outputGradient);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        int rowStep = windowRows * width, planeLength = geometry.InHeight * width;
        for (int plane = 0; plane < geometry.Channels; plane++)
        {
            int offset = plane * planeLength;
            for (int oy = 0; oy < outHeight; oy++, offset += rowStep, dy = ref Unsafe.Add(ref dy, outWidth))
            {
                ref float first = ref Unsafe.Add(ref x, offset);
                ref float second = ref Unsafe.Add(ref first, (windowRows - 1) * width);
                ref float firstGradient = ref Unsafe.Add(ref dx, offset);
                ref float secondGradient = ref Unsafe.Add(ref firstGradient, (windowRows - 1) * width);
                for (int ox = 0; ox < outWidth; ox += lanes)
                {
                    int at = Math.Min(ox, outWidth - lanes);
                    nuint low = (nuint)(2 * at), high = (nuint)((2 * at) + lanes);
                    TVector firstLow = TLanes.Load(ref first, low), firstHigh = TLanes.Load(ref first, high);
                    TVector a = TLanes.Evens(firstLow, firstHigh), b = TLanes.Odds(firstLow, firstHigh);
                    TVector takesB = TLanes.Takes(b, a);
                    TVector takesC = default, takesD = default;
                    if (twoRows)
                    {
                        TVector secondLow = TLanes.Load(ref second, low), secondHigh = TLanes.Load(ref second, high);
                        TVector c = TLanes.Evens(secondLow, secondHigh), d = TLanes.Odds(secondLow, secondHigh);
                        TVector best = TLanes.Select(takesB, b, a);
                        takesC = TLanes.Takes(c, best);
                        takesD = TLanes.Takes(d, TLanes.Select(takesC, c, best));
                    }

                    TVector share = TLanes.Load(ref dy, (nuint)at);
                    TVector laterRow = TLanes.Or(takesC, takesD);
                    TLanes.StoreInterleaved(TLanes.AndNot(share, TLanes.Or(takesB, laterRow)), TLanes.And(TLanes.AndNot(takesB, laterRow), share), ref firstGradient, low, high);
                    if (twoRows)
                    {
                        TLanes.StoreInterleaved(TLanes.And(TLanes.AndNot(takesC, takesD), share), TLanes.And(takesD, share), ref secondGradient, low, high);
                    }
                }
            }
        }
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

    /// <summary>The larger of each pair of lanes, NaN in either giving NaN, by <see cref="IPairLanes{TVector}.Takes"/>: the portable form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Largest<TVector, TLanes>(TVector first, TVector second)
        where TVector : struct
        where TLanes : IPairLanes<TVector>
        => TLanes.Select(TLanes.Takes(second, first), second, first);

    /// <summary>The vector operations of pair-window pooling, for one vector type of floats.</summary>
    private interface IPairLanes<TVector>
        where TVector : struct
    {
        /// <summary>Floats per vector.</summary>
        static abstract int Count { get; }

        static abstract TVector Load(ref float source, nuint offset);

        static abstract void Store(TVector value, ref float target, nuint offset);

        /// <summary>
        /// The larger of each pair of lanes, NaN in either giving NaN (which of +0 and −0 is left open). On x86 the
        /// native maximum returns its second operand when either is NaN, so the maxima in both orders are combined
        /// with a bitwise or: equal where neither is NaN, and a NaN's all-ones exponent and nonzero fraction survive
        /// the or with anything. Three instructions instead of the comparisons and blend of the portable form.
        /// </summary>
        static abstract TVector Largest(TVector first, TVector second);

        /// <summary>
        /// The larger of each pair of neighbouring floats of <paramref name="low"/> then <paramref name="high"/>, in order:
        /// <c>Largest(Evens(low, high), Odds(low, high))</c>. On x86 the evens and odds are picked within each 128-bit
        /// lane (one shuffle each) and put in order once, after the maximum, by one permutation of 64-bit pairs.
        /// </summary>
        static abstract TVector PairMaxima(TVector low, TVector high);

        /// <summary>Lanes where PyTorch's scan moves from <paramref name="best"/> to <paramref name="candidate"/>: greater, or NaN.</summary>
        static abstract TVector Takes(TVector candidate, TVector best);

        static abstract TVector Select(TVector mask, TVector whereSet, TVector whereClear);

        static abstract TVector And(TVector left, TVector right);

        static abstract TVector Or(TVector left, TVector right);

        /// <summary><c>left &amp; ~right</c>.</summary>
        static abstract TVector AndNot(TVector left, TVector right);

        /// <summary>The even-indexed floats of <paramref name="low"/> then <paramref name="high"/>: each pair read as one 64-bit lane, its low half.</summary>
        static abstract TVector Evens(TVector low, TVector high);

        /// <summary>The odd-indexed floats: each pair's high half.</summary>
        static abstract TVector Odds(TVector low, TVector high);

        /// <summary>Stores <c>evens[0], odds[0], evens[1], odds[1], …</c> at <paramref name="low"/> and <paramref name="high"/>: the inverse of <see cref="Evens"/> and <see cref="Odds"/>.</summary>
        static abstract void StoreInterleaved(TVector evens, TVector odds, ref float target, nuint low, nuint high);
    }

    private readonly struct WideLanes : IPairLanes<Vector<float>>
    {
        public static int Count => Vector<float>.Count;

        public static Vector<float> Load(ref float source, nuint offset) => Vector.LoadUnsafe(ref source, offset);

        public static void Store(Vector<float> value, ref float target, nuint offset) => Vector.StoreUnsafe(value, ref target, offset);

        public static Vector<float> Takes(Vector<float> candidate, Vector<float> best) => Vector.GreaterThan<float>(candidate, best) | Vector.IsNaN(candidate);

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // without profile data (Native AOT, tiering off) the JIT left these calls
        public static Vector<float> Largest(Vector<float> first, Vector<float> second)
        {
            if (Vector<float>.Count == Vector128<float>.Count && Sse.IsSupported)
            {
                return NarrowLanes.Largest(first.AsVector128(), second.AsVector128()).AsVector();
            }

            if (Vector<float>.Count == Vector256<float>.Count && Avx.IsSupported)
            {
                Vector256<float> a = first.AsVector256(), b = second.AsVector256();
                return (Avx.Max(a, b) | Avx.Max(b, a)).AsVector();
            }

            if (Vector<float>.Count == Vector512<float>.Count && Avx512F.IsSupported)
            {
                return Largest512(first.AsVector512(), second.AsVector512()).AsVector();
            }

            return Largest<Vector<float>, WideLanes>(first, second);
        }

        /// <summary><see cref="Largest"/> on 512-bit vectors, for a processor with AVX-512.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Largest512(Vector512<float> first, Vector512<float> second) => Avx512F.Max(first, second) | Avx512F.Max(second, first);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> PairMaxima(Vector<float> low, Vector<float> high)
        {
            if (Vector<float>.Count == Vector128<float>.Count && Sse.IsSupported)
            {
                return NarrowLanes.PairMaxima(low.AsVector128(), high.AsVector128()).AsVector();
            }

            if (Vector<float>.Count == Vector256<float>.Count && Avx2.IsSupported)
            {
                // l0 l2 h0 h2 | l4 l6 h4 h6 against the odd floats; the 64-bit pairs then go in the order 0, 2, 1, 3.
                Vector256<float> l = low.AsVector256(), h = high.AsVector256();
                Vector256<float> maxima = Largest(Avx.Shuffle(l, h, 0b10_00_10_00).AsVector(), Avx.Shuffle(l, h, 0b11_01_11_01).AsVector()).AsVector256();
                return Avx2.Permute4x64(maxima.AsDouble(), 0b11_01_10_00).AsSingle().AsVector();
            }

            if (Vector<float>.Count == Vector512<float>.Count && Avx512F.IsSupported)
            {
                Vector512<float> l = low.AsVector512(), h = high.AsVector512();
                Vector512<float> maxima = Largest(Avx512F.Shuffle(l, h, 0b10_00_10_00).AsVector(), Avx512F.Shuffle(l, h, 0b11_01_11_01).AsVector()).AsVector512();
                return Avx512F.PermuteVar8x64(maxima.AsDouble(), Vector512.Create(0L, 2, 4, 6, 1, 3, 5, 7)).AsSingle().AsVector();
            }

            return Largest(Evens(low, high), Odds(low, high));
        }

        public static Vector<float> Select(Vector<float> mask, Vector<float> whereSet, Vector<float> whereClear) => Vector.ConditionalSelect(mask, whereSet, whereClear);

        public static Vector<float> And(Vector<float> left, Vector<float> right) => left & right;

        public static Vector<float> Or(Vector<float> left, Vector<float> right) => left | right;

        public static Vector<float> AndNot(Vector<float> left, Vector<float> right) => Vector.AndNot(left, right);

        public static Vector<float> Evens(Vector<float> low, Vector<float> high)
            => Vector.AsVectorSingle(Vector.Narrow(Vector.AsVectorUInt64(low), Vector.AsVectorUInt64(high)));

        public static Vector<float> Odds(Vector<float> low, Vector<float> high)
            => Vector.AsVectorSingle(Vector.Narrow(Vector.ShiftRightLogical(Vector.AsVectorUInt64(low), 32), Vector.ShiftRightLogical(Vector.AsVectorUInt64(high), 32)));

        public static void StoreInterleaved(Vector<float> evens, Vector<float> odds, ref float target, nuint low, nuint high)
        {
            Vector.Widen(Vector.AsVectorUInt32(evens), out Vector<ulong> evensLow, out Vector<ulong> evensHigh);
            Vector.Widen(Vector.AsVectorUInt32(odds), out Vector<ulong> oddsLow, out Vector<ulong> oddsHigh);
            Vector.StoreUnsafe(Vector.AsVectorSingle(evensLow | Vector.ShiftLeft(oddsLow, 32)), ref target, low);
            Vector.StoreUnsafe(Vector.AsVectorSingle(evensHigh | Vector.ShiftLeft(oddsHigh, 32)), ref target, high);
        }
    }

    private readonly struct NarrowLanes : IPairLanes<Vector128<float>>
    {
        public static int Count => Vector128<float>.Count;

        public static Vector128<float> Load(ref float source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

        public static void Store(Vector128<float> value, ref float target, nuint offset) => Vector128.StoreUnsafe(value, ref target, offset);

        public static Vector128<float> Takes(Vector128<float> candidate, Vector128<float> best) => Vector128.GreaterThan(candidate, best) | Vector128.IsNaN(candidate);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Largest(Vector128<float> first, Vector128<float> second)
            => Sse.IsSupported ? Sse.Max(first, second) | Sse.Max(second, first) : Largest<Vector128<float>, NarrowLanes>(first, second);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> PairMaxima(Vector128<float> low, Vector128<float> high)
            => Sse.IsSupported
                ? Largest(Sse.Shuffle(low, high, 0b10_00_10_00), Sse.Shuffle(low, high, 0b11_01_11_01))
                : Largest(Evens(low, high), Odds(low, high));

        public static Vector128<float> Select(Vector128<float> mask, Vector128<float> whereSet, Vector128<float> whereClear) => Vector128.ConditionalSelect(mask, whereSet, whereClear);

        public static Vector128<float> And(Vector128<float> left, Vector128<float> right) => left & right;

        public static Vector128<float> Or(Vector128<float> left, Vector128<float> right) => left | right;

        public static Vector128<float> AndNot(Vector128<float> left, Vector128<float> right) => Vector128.AndNot(left, right);

        public static Vector128<float> Evens(Vector128<float> low, Vector128<float> high) => Vector128.Narrow(low.AsUInt64(), high.AsUInt64()).AsSingle();

        public static Vector128<float> Odds(Vector128<float> low, Vector128<float> high)
            => Vector128.Narrow(Vector128.ShiftRightLogical(low.AsUInt64(), 32), Vector128.ShiftRightLogical(high.AsUInt64(), 32)).AsSingle();

        public static void StoreInterleaved(Vector128<float> evens, Vector128<float> odds, ref float target, nuint low, nuint high)
        {
            (Vector128<ulong> evensLow, Vector128<ulong> evensHigh) = Vector128.Widen(evens.AsUInt32());
            (Vector128<ulong> oddsLow, Vector128<ulong> oddsHigh) = Vector128.Widen(odds.AsUInt32());
            Vector128.StoreUnsafe((evensLow | Vector128.ShiftLeft(oddsLow, 32)).AsSingle(), ref target, low);
            Vector128.StoreUnsafe((evensHigh | Vector128.ShiftLeft(oddsHigh, 32)).AsSingle(), ref target, high);
        }
    }
}
