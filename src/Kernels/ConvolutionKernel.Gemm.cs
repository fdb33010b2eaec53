using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNN.Kernels;

/// <summary>
/// The two matrix products behind <see cref="ConvolutionKernel"/>, register-tiled along the contiguous column
/// dimension <c>p</c>. The rows of the operand <c>B</c> are given by a table of offsets, <c>B_j[p] = b[rows[j] + p]</c>:
/// an im2col matrix or an output gradient has rows <c>j·columns</c>, while the direct path's rows are the input
/// itself, shifted by each tap's offset, so that overlapping rows share memory instead of being copied.
/// </summary>
public static partial class ConvolutionKernel
{
    /// <summary>Bytes of <c>B</c> one column block of <see cref="Multiply"/> may span: a quarter of a typical 1 MiB per-core L2.</summary>
    private const int BlockBytes = 256 * 1024;

    /// <summary>
    /// <c>C[m, p] = f(init_m + Σ_j A(m, j)·B_j[p])</c> for <c>m &lt; rows</c> over the columns <paramref name="columns"/>
    /// lists, overwriting <c>C</c> (rows <paramref name="cRowStride"/> apart); <c>A(m, j) = a[m·aRowStride + j·aInnerStride]</c>,
    /// so the same code multiplies by <c>W</c> (row stride <c>K</c>, inner stride 1) and by <c>Wᵀ</c> (row stride 1,
    /// inner stride <c>K</c>); <c>j</c> runs over <paramref name="bRows"/>. <c>init_m</c> is <c>bias[m]</c>, or zero when
    /// <paramref name="bias"/> is empty, and <c>f</c> is <typeparamref name="TActivation"/>. The bias, and ReLU or
    /// LeakyReLU, are applied to the accumulators before their only store; tanh and sigmoid take a pass of their own
    /// over the product (<see cref="ActivateRows"/>; <see cref="RegisterTiles.ActivatesInStore"/> says why).
    /// It runs on <see cref="RegisterTiles"/>, the tiles of the dense layers' batch passes too, here 4 rows × 3 vectors
    /// (<see cref="RegisterTiles.FourByThree"/>): twelve accumulators in registers (within AVX2's sixteen), each <c>B</c>
    /// vector loaded serves four rows and each broadcast <c>A</c> value three vectors, and twelve independent
    /// multiply-add chains cover the instruction's latency; on 512-bit vectors 8 rows × 3 vectors
    /// (<see cref="RegisterTiles.EightByThree"/>), 24 of AVX-512's 32 registers. The vectors are <see cref="Vector512{T}"/>s only where the
    /// core runs them at full width (<see cref="VectorWidth.UsesFullWidthVector512"/>: twice the multiply-adds of
    /// 256-bit vectors per cycle), else <see cref="Vector{T}"/>s: on Zen 4, whose 512-bit instructions take its two
    /// 256-bit pipes in turn, the LeNet-size benchmark network measured slower with 512-bit tiles (one sample 6.41 µs
    /// instead of 6.29–6.33, a training minibatch 755 µs instead of 722–732), as a direct convolution's taps read <c>B</c> at
    /// every shift and a 64-byte load off its alignment always spans two cache lines, for no gain in peak. Both widths
    /// sum each column in the same order, except where one of them has fewer than three vectors of columns: those take
    /// single-vector tiles, which sum in two chains. The columns go in blocks narrow enough that a block of
    /// <c>B</c> (all inner rows) stays in the core's cache while every row tile passes over it; a layer whose whole
    /// <c>B</c> is larger would otherwise stream it from the shared cache once per row tile.
    /// </summary>
    private static void Multiply<T, TActivation>(
        ref T a, int aRowStride, int aInnerStride, ref T b, ReadOnlySpan<int> bRows, ref T c, int cRowStride, int rows, in ColumnVectors columns, ReadOnlySpan<T> bias, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        if (VectorWidth.UsesFullWidthVector512<T>() && columns.WithLanes(Vector512<T>.Count) is { Count: > 0 } wide)
        {
            MultiplyVectors<T, TActivation, Vector512<T>, Vector512Width<T>>(ref a, aRowStride, aInnerStride, ref b, bRows, ref c, cRowStride, rows, wide, bias, slope);
        }
        else if (Vector.IsHardwareAccelerated && columns.WithLanes(Vector<T>.Count) is { Count: > 0 } narrow)
        {
            MultiplyVectors<T, TActivation, Vector<T>, VectorTWidth<T>>(ref a, aRowStride, aInnerStride, ref b, bRows, ref c, cRowStride, rows, narrow, bias, slope);
        }
        else
        {
            MultiplyScalar<T, TActivation>(ref a, aRowStride, aInnerStride, ref b, bRows, ref c, cRowStride, rows, columns.Width, bias, slope);
            return;
        }

        if (!RegisterTiles.ActivatesInStore<T, TActivation>())
        {
            ActivateRows<T, TActivation>(ref c, cRowStride, rows, columns.TargetLength, slope);
        }
    }

    /// <summary><see cref="Multiply"/> on vectors of one width, <paramref name="columns"/> laid out for it, in column blocks.</summary>
    private static void MultiplyVectors<T, TActivation, TVector, TWidth>(
        ref T a, int aRowStride, int aInnerStride, ref T b, ReadOnlySpan<int> bRows, ref T c, int cRowStride, int rows, in ColumnVectors columns, ReadOnlySpan<T> bias, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        int blockVectors = Math.Max(3, BlockBytes / (Math.Max(bRows.Length, 1) * TWidth.Count * Unsafe.SizeOf<T>()) / 3 * 3);
        for (int start = 0; start < columns.Count; start += blockVectors)
        {
            MultiplyColumnBlock<T, TActivation, TVector, TWidth>(
                ref a, aRowStride, aInnerStride, ref b, bRows, ref c, cRowStride, rows, columns, start, Math.Min(columns.Count, start + blockVectors), bias, slope);
        }
    }

    /// <summary>
    /// Applies <typeparamref name="TActivation"/> in place to the first <paramref name="length"/> values (at least a
    /// vector's) of <paramref name="rows"/> rows of <c>C</c>, <paramref name="rowStride"/> apart: the activations
    /// <see cref="RegisterTiles.ActivatesInStore"/> leaves to a pass of their own. A row that is not a whole number of
    /// vectors ends with one vector flush with its end, of which only the lanes not yet activated take the result.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a root of its own, with the budget to inline the activation
    private static void ActivateRows<T, TActivation>(ref T c, int rowStride, int rows, int length, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        Debug.Assert(length >= Vector<T>.Count, "rows shorter than a vector take the scalar product, which applies the activation itself");
        var tail = new VectorTail<T>(length);
        for (int row = 0; row < rows; row++)
        {
            ref T values = ref Unsafe.Add(ref c, row * rowStride);
            for (int i = 0; i < tail.WholeEnd; i += Vector<T>.Count)
            {
                Vector.StoreUnsafe(TActivation.Apply(Vector.LoadUnsafe(ref values, (nuint)i), slope), ref values, (nuint)i);
            }

            if (tail.HasTail)
            {
                Vector<T> last = Vector.LoadUnsafe(ref values, (nuint)tail.Start);
                Vector.StoreUnsafe(Vector.ConditionalSelect(tail.Mask, TActivation.Apply(last, slope), last), ref values, (nuint)tail.Start);
            }
        }
    }

    /// <summary>
    /// <see cref="Multiply"/> for the column vectors <c>[start, end)</c>, a whole number of triples except in the
    /// last block, on <see cref="RegisterTiles"/>' tiles of three vectors (<see cref="ColumnTriples"/>): eight rows
    /// at a time with 512-bit vectors, then four. Fewer than three vectors go one by one, as do the rows after the
    /// last whole group of four.
    /// </summary>
    private static void MultiplyColumnBlock<T, TActivation, TVector, TWidth>(
        ref T a, int aRowStride, int aInnerStride, ref T b, ReadOnlySpan<int> bRows, ref T c, int cRowStride, int rows, in ColumnVectors columns, int start, int end, ReadOnlySpan<T> bias, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        if (bias.IsEmpty)
        {
            MultiplyColumnBlock<T, ZeroStart<T>, TActivation, TVector, TWidth>(ref a, aRowStride, aInnerStride, ref b, bRows, ref c, cRowStride, rows, columns, start, end, default, slope);
        }
        else
        {
            MultiplyColumnBlock<T, RowBias<T>, TActivation, TVector, TWidth>(ref a, aRowStride, aInnerStride, ref b, bRows, ref c, cRowStride, rows, columns, start, end, new RowBias<T>(ref MemoryMarshal.GetReference(bias)), slope);
        }
    }

    /// <summary><see cref="MultiplyColumnBlock{T, TActivation, TVector, TWidth}"/> with the sums starting from <paramref name="starts"/>: each filter's bias, or zero.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a root of its own: inlined into the dispatch above, it shared that small method's inlining budget, and its tiles stayed calls
    private static void MultiplyColumnBlock<T, TStart, TActivation, TVector, TWidth>(
        ref T a, int aRowStride, int aInnerStride, ref T b, ReadOnlySpan<int> bRows, ref T c, int cRowStride, int rows, in ColumnVectors columns, int start, int end, TStart starts, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TStart : ITileStart<T, TStart>, allows ref struct
        where TActivation : IActivationFunction<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        int vectors = columns.Count;
        int inner = bRows.Length;
        var bRowCursor = new TableRows<T>(ref b, ref MemoryMarshal.GetReference(bRows));
        int row = 0;
        if (typeof(TVector) == typeof(Vector512<T>) && vectors >= 3)
        {
            for (; row + (2 * RegisterTiles.Rows) <= rows; row += 2 * RegisterTiles.Rows)
            {
                ColumnTriples<T, TStart, TActivation, TVector, TWidth>(
                    eightRows: true, ref Unsafe.Add(ref a, row * aRowStride), aRowStride, aInnerStride, bRowCursor, inner, ref Unsafe.Add(ref c, row * cRowStride), cRowStride, columns, start, end, starts.FromRow(row), slope);
            }
        }

        for (; row + RegisterTiles.Rows <= rows; row += RegisterTiles.Rows)
        {
            TStart rowStart = starts.FromRow(row);
            ref T rowA = ref Unsafe.Add(ref a, row * aRowStride);
            ref T rowC = ref Unsafe.Add(ref c, row * cRowStride);
            if (vectors >= 3)
            {
                ColumnTriples<T, TStart, TActivation, TVector, TWidth>(
                    eightRows: false, ref rowA, aRowStride, aInnerStride, bRowCursor, inner, ref rowC, cRowStride, columns, start, end, rowStart, slope);
                continue;
            }

            ColumnVectors.Cursor cursor = columns.CursorAt(start);
            for (int v = start; v < end; v++)
            {
                (nint source, nint target) = cursor.Next();
                RegisterTiles.FourByOne<T, TVector, TWidth, TableRows<T>, TStart, Overwrite<T, TActivation>>(
                    ref rowA, aRowStride, aInnerStride, bRowCursor, inner, rowStart, ref rowC, cRowStride, slope, source, target);
            }
        }

        for (; row < rows; row++)
        {
            TStart rowStart = starts.FromRow(row);
            ref T rowA = ref Unsafe.Add(ref a, row * aRowStride);
            ref T rowC = ref Unsafe.Add(ref c, row * cRowStride);
            ColumnVectors.Cursor cursor = columns.CursorAt(start);
            for (int v = start; v < end; v++)
            {
                (nint source, nint target) = cursor.Next();
                RegisterTiles.OneByOne<T, TVector, TWidth, TableRows<T>, TStart, Overwrite<T, TActivation>>(
                    ref rowA, aInnerStride, bRowCursor, inner, rowStart, ref rowC, slope, source, target);
            }
        }
    }

    /// <summary>
    /// The column vectors <c>[start, end)</c> of one group of rows, three at a time: on <see cref="RegisterTiles.FourByThree"/>,
    /// or with <paramref name="eightRows"/> on <see cref="RegisterTiles.EightByThree"/>, whose 24 sums need AVX-512's
    /// 32 registers and which <see cref="MultiplyColumnBlock{T, TStart, TActivation, TVector, TWidth}"/> takes for
    /// 512-bit vectors: each unaligned 64-byte load of a direct convolution's input then serves eight filters instead of
    /// four (the LeNet-size benchmark network's convolutions 19 % and 10 % faster on Zen 5). A last partial triple
    /// is placed flush with the last vector, redoing vectors already done (they get the same values again).
    /// </summary>
    private static void ColumnTriples<T, TStart, TActivation, TVector, TWidth>(
        bool eightRows, ref T a, int aRowStride, int aInnerStride, TableRows<T> bRowCursor, int inner, ref T c, int cRowStride, in ColumnVectors columns, int start, int end, TStart starts, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TStart : ITileStart<T, TStart>, allows ref struct
        where TActivation : IActivationFunction<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        int vectors = columns.Count;
        ColumnVectors.Cursor cursor = columns.CursorAt(start);
        for (int v = start; v < end; v += 3)
        {
            if (v + 3 > vectors)
            {
                cursor = columns.CursorAt(vectors - 3);
            }

            (nint source0, nint target0) = cursor.Next();
            (nint source1, nint target1) = cursor.Next();
            (nint source2, nint target2) = cursor.Next();
            if (eightRows)
            {
                RegisterTiles.EightByThree<T, TVector, TWidth, TableRows<T>, TStart, Overwrite<T, TActivation>>(
                    ref a, aRowStride, aInnerStride, bRowCursor, inner, starts, ref c, cRowStride, slope, source0, source1, source2, target0, target1, target2);
            }
            else
            {
                RegisterTiles.FourByThree<T, TVector, TWidth, TableRows<T>, TStart, Overwrite<T, TActivation>>(
                    ref a, aRowStride, aInnerStride, bRowCursor, inner, starts, ref c, cRowStride, slope, source0, source1, source2, target0, target1, target2);
            }
        }
    }

    /// <summary>
    /// <c>D[m, k] += Σ_p G[m, p]·B_k[p]</c> for <c>m &lt; rows</c>, <c>k</c> over <paramref name="bRows"/>,
    /// <c>p &lt; columns</c>: the weight gradient, <c>G</c> the output gradient (rows <paramref name="gRowStride"/>
    /// apart) and <c>B</c> the input as the forward pass read it, <c>D</c> with rows of <c>bRows.Length</c> values.
    /// Each result is a dot product along <c>p</c>; a tile of 4 × 2 of them shares its six vector loads among eight
    /// accumulators, whose lanes are summed once at the end. A row length that is not a whole number of vectors ends
    /// with one vector placed flush with the end whose lanes already counted are masked to zero in both operands, so
    /// no scalar loop runs and no value outside the rows is read.
    /// </summary>
    private static void AddProductTransposed<T>(ref T g, int gRowStride, ref T b, ReadOnlySpan<int> bRows, ref T d, int rows, int columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int patch = bRows.Length;
        ref int offsets = ref MemoryMarshal.GetReference(bRows);
        if (!Vector.IsHardwareAccelerated || columns < Vector<T>.Count)
        {
            for (int m = 0; m < rows; m++)
            {
                for (int k = 0; k < patch; k++)
                {
                    Unsafe.Add(ref d, (m * patch) + k) += ScalarDot(ref Unsafe.Add(ref g, m * gRowStride), ref Unsafe.Add(ref b, Unsafe.Add(ref offsets, k)), columns);
                }
            }

            return;
        }

        var tail = new VectorTail<T>(columns);
        int row = 0;
        for (; row + RegisterTiles.Rows <= rows; row += RegisterTiles.Rows)
        {
            ref T rowG = ref Unsafe.Add(ref g, row * gRowStride);
            ref T rowD = ref Unsafe.Add(ref d, row * patch);
            int k = 0;
            for (; k + 2 <= patch; k += 2)
            {
                DotFourByTwo(
                    ref rowG, gRowStride, ref Unsafe.Add(ref b, Unsafe.Add(ref offsets, k)), ref Unsafe.Add(ref b, Unsafe.Add(ref offsets, k + 1)), ref Unsafe.Add(ref rowD, k), patch, tail);
            }

            for (; k < patch; k++)
            {
                for (int m = 0; m < RegisterTiles.Rows; m++)
                {
                    Unsafe.Add(ref rowD, (m * patch) + k) += Dot(ref Unsafe.Add(ref rowG, m * gRowStride), ref Unsafe.Add(ref b, Unsafe.Add(ref offsets, k)), tail);
                }
            }
        }

        for (; row < rows; row++)
        {
            for (int k = 0; k < patch; k++)
            {
                Unsafe.Add(ref d, (row * patch) + k) += Dot(ref Unsafe.Add(ref g, row * gRowStride), ref Unsafe.Add(ref b, Unsafe.Add(ref offsets, k)), tail);
            }
        }
    }

    /// <summary>The plain product, for rows shorter than one vector (or no vector hardware).</summary>
    private static void MultiplyScalar<T, TActivation>(
        ref T a, int aRowStride, int aInnerStride, ref T b, ReadOnlySpan<int> bRows, ref T c, int cRowStride, int rows, int columns, ReadOnlySpan<T> bias, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        for (int row = 0; row < rows; row++)
        {
            ref T rowA = ref Unsafe.Add(ref a, row * aRowStride);
            for (int column = 0; column < columns; column++)
            {
                T sum = bias.IsEmpty ? T.Zero : bias[row];
                for (int j = 0; j < bRows.Length; j++)
                {
                    sum += Unsafe.Add(ref rowA, j * aInnerStride) * Unsafe.Add(ref b, bRows[j] + column);
                }

                Unsafe.Add(ref c, (row * cRowStride) + column) = TActivation.Apply(sum, slope);
            }
        }
    }

    /// <summary>
    /// Adds the 4 × 2 dot products <c>g_i·b_j</c> (rows <c>i</c> of <paramref name="g"/>, <paramref name="gRowStride"/>
    /// apart; <paramref name="b0"/> and <paramref name="b1"/>) to <c>d[i·patch + j]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DotFourByTwo<T>(ref T g, int gRowStride, ref T b0, ref T b1, ref T d, int patch, VectorTail<T> tail)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T g0 = ref g;
        ref T g1 = ref Unsafe.Add(ref g, gRowStride);
        ref T g2 = ref Unsafe.Add(ref g, 2 * gRowStride);
        ref T g3 = ref Unsafe.Add(ref g, 3 * gRowStride);
        Vector<T> s00 = Vector<T>.Zero, s01 = Vector<T>.Zero, s10 = Vector<T>.Zero, s11 = Vector<T>.Zero;
        Vector<T> s20 = Vector<T>.Zero, s21 = Vector<T>.Zero, s30 = Vector<T>.Zero, s31 = Vector<T>.Zero;
        for (int p = 0; p < tail.WholeEnd; p += Vector<T>.Count)
        {
            Vector<T> v0 = Vector.LoadUnsafe(ref b0, (nuint)p);
            Vector<T> v1 = Vector.LoadUnsafe(ref b1, (nuint)p);
            Vector<T> u0 = Vector.LoadUnsafe(ref g0, (nuint)p);
            s00 = VectorMath.MultiplyAdd(u0, v0, s00);
            s01 = VectorMath.MultiplyAdd(u0, v1, s01);
            Vector<T> u1 = Vector.LoadUnsafe(ref g1, (nuint)p);
            s10 = VectorMath.MultiplyAdd(u1, v0, s10);
            s11 = VectorMath.MultiplyAdd(u1, v1, s11);
            Vector<T> u2 = Vector.LoadUnsafe(ref g2, (nuint)p);
            s20 = VectorMath.MultiplyAdd(u2, v0, s20);
            s21 = VectorMath.MultiplyAdd(u2, v1, s21);
            Vector<T> u3 = Vector.LoadUnsafe(ref g3, (nuint)p);
            s30 = VectorMath.MultiplyAdd(u3, v0, s30);
            s31 = VectorMath.MultiplyAdd(u3, v1, s31);
        }

        if (tail.HasTail)
        {
            // The flush vector: only the lanes after the whole vectors count (the mask zeroes the others in both
            // operands, so even an infinity there adds nothing).
            nuint p = (nuint)tail.Start;
            Vector<T> mask = tail.Mask;
            Vector<T> v0 = Vector.LoadUnsafe(ref b0, p) & mask;
            Vector<T> v1 = Vector.LoadUnsafe(ref b1, p) & mask;
            Vector<T> u0 = Vector.LoadUnsafe(ref g0, p) & mask;
            s00 = VectorMath.MultiplyAdd(u0, v0, s00);
            s01 = VectorMath.MultiplyAdd(u0, v1, s01);
            Vector<T> u1 = Vector.LoadUnsafe(ref g1, p) & mask;
            s10 = VectorMath.MultiplyAdd(u1, v0, s10);
            s11 = VectorMath.MultiplyAdd(u1, v1, s11);
            Vector<T> u2 = Vector.LoadUnsafe(ref g2, p) & mask;
            s20 = VectorMath.MultiplyAdd(u2, v0, s20);
            s21 = VectorMath.MultiplyAdd(u2, v1, s21);
            Vector<T> u3 = Vector.LoadUnsafe(ref g3, p) & mask;
            s30 = VectorMath.MultiplyAdd(u3, v0, s30);
            s31 = VectorMath.MultiplyAdd(u3, v1, s31);
        }

        ref T d1 = ref Unsafe.Add(ref d, patch);
        ref T d2 = ref Unsafe.Add(ref d, 2 * patch);
        ref T d3 = ref Unsafe.Add(ref d, 3 * patch);
        d += Vector.Sum(s00);
        Unsafe.Add(ref d, 1) += Vector.Sum(s01);
        d1 += Vector.Sum(s10);
        Unsafe.Add(ref d1, 1) += Vector.Sum(s11);
        d2 += Vector.Sum(s20);
        Unsafe.Add(ref d2, 1) += Vector.Sum(s21);
        d3 += Vector.Sum(s30);
        Unsafe.Add(ref d3, 1) += Vector.Sum(s31);
    }

    /// <summary><c>Σ_p x[p]·y[p]</c> over two chains of vectors (even and odd), then the masked flush vector of the tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Dot<T>(ref T x, ref T y, VectorTail<T> tail)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        Vector<T> even = Vector<T>.Zero, odd = Vector<T>.Zero;
        int p = 0;
        for (; p + (2 * lanes) <= tail.WholeEnd; p += 2 * lanes)
        {
            even = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)p), Vector.LoadUnsafe(ref y, (nuint)p), even);
            odd = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)(p + lanes)), Vector.LoadUnsafe(ref y, (nuint)(p + lanes)), odd);
        }

        if (p < tail.WholeEnd)
        {
            even = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)p), Vector.LoadUnsafe(ref y, (nuint)p), even);
        }

        if (tail.HasTail)
        {
            odd = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)tail.Start) & tail.Mask, Vector.LoadUnsafe(ref y, (nuint)tail.Start) & tail.Mask, odd);
        }

        return Vector.Sum(even + odd);
    }

    private static T ScalarDot<T>(ref T x, ref T y, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int p = 0; p < length; p++)
        {
            sum += Unsafe.Add(ref x, p) * Unsafe.Add(ref y, p);
        }

        return sum;
    }

    /// <summary>
    /// The columns of a <see cref="Multiply"/> as a sequence of vectors, each reading <c>B</c> from a source column and
    /// writing <c>C</c> at a target column (<see cref="Cursor"/> walks them). Contiguous columns go a vector at a time, the
    /// last flush with the end; output rows narrower than the rows they are read from (the direct path's grid) go
    /// row by row, the last vector of each row flush with its end, so that no vector straddles two rows.
    /// <see cref="Count"/> is zero when the columns do not fill one vector (the scalar product does them).
    /// </summary>
    private readonly struct ColumnVectors
    {
        private readonly int _rows;
        private readonly int _sourcePitch;
        private readonly int _lanes;
        private readonly int _vectorsPerRow;

        private ColumnVectors(int width, int rows, int sourcePitch, int lanes)
        {
            Width = width;
            _rows = rows;
            _sourcePitch = sourcePitch;
            _lanes = lanes;
            _vectorsPerRow = rows == 0 || lanes == 0 ? 0 : (width + lanes - 1) / lanes;
            Count = lanes == 0 || width < lanes ? 0 : rows == 0 ? (width + lanes - 1) / lanes : rows * _vectorsPerRow;
        }

        /// <summary>The values per row: all the columns, or one output row's.</summary>
        public int Width { get; }

        /// <summary>The vectors, once <see cref="WithLanes"/> has set their width; zero when the values per row do not fill one.</summary>
        public int Count { get; }

        /// <summary>How many values of each row of <c>C</c> the vectors write, from its start: the columns, or the output rows' values end to end.</summary>
        public int TargetLength => _rows == 0 ? Width : _rows * Width;

        public static ColumnVectors Contiguous(int columns) => new(columns, 0, 0, 0);

        /// <summary><paramref name="rows"/> rows of <paramref name="width"/> values, read from rows <paramref name="sourcePitch"/> apart.</summary>
        public static ColumnVectors Rows(int rows, int width, int sourcePitch)
        {
            Debug.Assert(rows > 0, "no rows: zero rows would read as contiguous columns");
            return new(width, rows, sourcePitch, 0);
        }

        /// <summary>The same columns in vectors of <paramref name="lanes"/> values.</summary>
        public ColumnVectors WithLanes(int lanes) => new(Width, _rows, _sourcePitch, lanes);

        /// <summary>A cursor on vector <paramref name="vector"/>: the one division of a pass over the vectors.</summary>
        public Cursor CursorAt(int vector)
        {
            if (_vectorsPerRow == 0)
            {
                return new Cursor(this, 0, vector);
            }

            int row = vector / _vectorsPerRow;
            return new Cursor(this, row, vector - (row * _vectorsPerRow));
        }

        /// <summary>Walks the vectors in order, a row and a vector within it at a time, in native integers (addresses are made of them).</summary>
        public struct Cursor
        {
            private readonly nint _width;
            private readonly nint _lanes;
            private readonly nint _sourcePitch;
            private readonly nint _vectorsPerRow;
            private nint _row;
            private nint _index;

            public Cursor(in ColumnVectors columns, int row, int index)
            {
                _width = columns.Width;
                _lanes = columns._lanes;
                _sourcePitch = columns._sourcePitch;
                _vectorsPerRow = columns._vectorsPerRow;
                _row = row;
                _index = index;
            }

            /// <summary>The current vector's source and target column, then moves to the next vector.</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public (nint Source, nint Target) Next()
            {
                nint x = Math.Min(_index * _lanes, _width - _lanes);
                (nint Source, nint Target) at = ((_row * _sourcePitch) + x, (_row * _width) + x);
                if (++_index == _vectorsPerRow)
                {
                    _index = 0;
                    _row++;
                }

                return at;
            }
        }
    }

    /// <summary>
    /// How a run of at least one vector's length ends: whole vectors up to <see cref="WholeEnd"/>, then, when the
    /// length is not a multiple of the vector, one vector placed flush with the end at <see cref="Start"/> whose
    /// <see cref="Mask"/> keeps only the lanes not yet counted.
    /// </summary>
    private readonly struct VectorTail<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public VectorTail(int length)
        {
            int lanes = Vector<T>.Count;
            int remainder = length % lanes;
            WholeEnd = length - remainder;
            Start = length - lanes;
            HasTail = remainder != 0;
            Mask = Vector.GreaterThanOrEqual(Vector<T>.Indices, new Vector<T>(T.CreateTruncating(lanes - remainder)));
        }

        public int WholeEnd { get; }

        public int Start { get; }

        public bool HasTail { get; }

        public Vector<T> Mask { get; }
    }
}
