using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNN.Kernels;

/// <summary>
/// The two matrix products behind <see cref="ConvolutionKernel"/>, register-tiled along the contiguous column
/// dimension <c>p</c>. Both operand matrices <c>B</c> and the result <c>C</c> have rows of <c>columns</c> values.
/// </summary>
public static partial class ConvolutionKernel
{
    private const int TileRows = 4;

    /// <summary>Bytes of <c>B</c> one column block of <see cref="Multiply"/> may span: a quarter of a typical 1 MiB per-core L2.</summary>
    private const int BlockBytes = 256 * 1024;

    /// <summary>
    /// <c>C[m, p] = init_m + Σ_j A(m, j)·B[j, p]</c> for <c>m &lt; rows</c>, <c>p &lt; columns</c>, overwriting
    /// <c>C</c>; <c>A(m, j) = a[m·aRowStride + j·aInnerStride]</c>, so the same code multiplies by <c>W</c> (row
    /// stride <c>K</c>, inner stride 1) and by <c>Wᵀ</c> (row stride 1, inner stride <c>K</c>). <c>init_m</c> is
    /// <c>bias[m]</c>, or zero when <paramref name="bias"/> is empty.
    /// Tiles of 4 rows × 2 vectors keep eight accumulators in registers: each <c>B</c> vector loaded serves four
    /// rows and each broadcast <c>A</c> value two vectors, and eight independent multiply-add chains cover the
    /// instruction's latency. The columns go in blocks narrow enough that a block of <c>B</c> (all <c>inner</c>
    /// rows) stays in the core's cache while every row tile passes over it; a layer whose whole <c>B</c> is
    /// larger would otherwise stream it from the shared cache once per row tile. Because every element is simply
    /// overwritten, the columns after the last whole pair of vectors are done by one more vector tile placed
    /// flush with the end, overlapping columns already done (they get the same values again), so no scalar
    /// column loop is needed once a row has a vector's worth.
    /// </summary>
    private static void Multiply<T>(
        ref T a, int aRowStride, int aInnerStride, ref T b, ref T c, int rows, int inner, int columns, ReadOnlySpan<T> bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        if (!Vector.IsHardwareAccelerated || columns < lanes)
        {
            MultiplyScalar(ref a, aRowStride, aInnerStride, ref b, ref c, rows, inner, columns, bias);
            return;
        }

        int pair = 2 * lanes;
        int blockWidth = Math.Max(pair, BlockBytes / (Math.Max(inner, 1) * Unsafe.SizeOf<T>()) / pair * pair);
        for (int start = 0; start < columns; start += blockWidth)
        {
            MultiplyColumnBlock(ref a, aRowStride, aInnerStride, ref b, ref c, rows, inner, columns, start, Math.Min(columns, start + blockWidth), bias);
        }
    }

    /// <summary>
    /// <see cref="Multiply"/> for the columns <c>[start, end)</c>; <c>end − start</c> is a whole number of vector
    /// pairs except in the last block.
    /// </summary>
    private static void MultiplyColumnBlock<T>(
        ref T a, int aRowStride, int aInnerStride, ref T b, ref T c, int rows, int inner, int columns, int start, int end, ReadOnlySpan<T> bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool hasBias = !bias.IsEmpty;
        int lanes = Vector<T>.Count;
        int row = 0;
        for (; row + TileRows <= rows; row += TileRows)
        {
            T init0 = hasBias ? bias[row] : T.Zero;
            T init1 = hasBias ? bias[row + 1] : T.Zero;
            T init2 = hasBias ? bias[row + 2] : T.Zero;
            T init3 = hasBias ? bias[row + 3] : T.Zero;
            ref T rowA = ref Unsafe.Add(ref a, row * aRowStride);
            ref T rowC = ref Unsafe.Add(ref c, row * columns);
            int column = start;
            for (; column + (2 * lanes) <= end; column += 2 * lanes)
            {
                MultiplyFourRowsTwoVectors(ref rowA, aRowStride, aInnerStride, ref b, ref rowC, inner, columns, column, init0, init1, init2, init3);
            }

            for (; column < end; column += lanes)
            {
                MultiplyFourRowsOneVector(
                    ref rowA, aRowStride, aInnerStride, ref b, ref rowC, inner, columns, Math.Min(column, columns - lanes), init0, init1, init2, init3);
            }
        }

        for (; row < rows; row++)
        {
            T init = hasBias ? bias[row] : T.Zero;
            ref T rowA = ref Unsafe.Add(ref a, row * aRowStride);
            ref T rowC = ref Unsafe.Add(ref c, row * columns);
            int column = start;
            for (; column + (2 * lanes) <= end; column += 2 * lanes)
            {
                MultiplyOneRowTwoVectors(ref rowA, aInnerStride, ref b, ref rowC, inner, columns, column, init);
            }

            for (; column < end; column += lanes)
            {
                MultiplyOneRowOneVector(ref rowA, aInnerStride, ref b, ref rowC, inner, columns, Math.Min(column, columns - lanes), init);
            }
        }
    }

    /// <summary>
    /// <c>D[m, k] += Σ_p G[m, p]·B[k, p]</c> for <c>m &lt; rows</c>, <c>k &lt; patch</c>: the weight gradient,
    /// <c>G</c> the output gradient and <c>B</c> the im2col matrix, both with rows of <c>columns</c> values, and
    /// <c>D</c> with rows of <c>patch</c> values. Each result is a dot product along <c>p</c>; a tile of
    /// 4 × 2 of them shares its six vector loads among eight accumulators, whose lanes are summed once at the end.
    /// </summary>
    private static void AddProductTransposed<T>(ref T g, ref T b, ref T d, int rows, int patch, int columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int vectorEnd = Vector.IsHardwareAccelerated ? columns - (columns % Vector<T>.Count) : 0;
        int row = 0;
        for (; row + TileRows <= rows; row += TileRows)
        {
            int k = 0;
            for (; k + 2 <= patch; k += 2)
            {
                DotFourByTwo(ref Unsafe.Add(ref g, row * columns), ref Unsafe.Add(ref b, k * columns), ref Unsafe.Add(ref d, (row * patch) + k), patch, columns, vectorEnd);
            }

            for (; k < patch; k++)
            {
                for (int m = row; m < row + TileRows; m++)
                {
                    Unsafe.Add(ref d, (m * patch) + k) += Dot(ref Unsafe.Add(ref g, m * columns), ref Unsafe.Add(ref b, k * columns), columns, vectorEnd);
                }
            }
        }

        for (; row < rows; row++)
        {
            for (int k = 0; k < patch; k++)
            {
                Unsafe.Add(ref d, (row * patch) + k) += Dot(ref Unsafe.Add(ref g, row * columns), ref Unsafe.Add(ref b, k * columns), columns, vectorEnd);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyFourRowsTwoVectors<T>(
        ref T a, int aRowStride, int aInnerStride, ref T b, ref T c, int inner, int columns, int column, T init0, T init1, T init2, T init3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        Vector<T> c00 = new(init0), c01 = c00;
        Vector<T> c10 = new(init1), c11 = c10;
        Vector<T> c20 = new(init2), c21 = c20;
        Vector<T> c30 = new(init3), c31 = c30;
        ref T a0 = ref a;
        ref T a1 = ref Unsafe.Add(ref a, aRowStride);
        ref T a2 = ref Unsafe.Add(ref a, 2 * aRowStride);
        ref T a3 = ref Unsafe.Add(ref a, 3 * aRowStride);
        ref T rowB = ref Unsafe.Add(ref b, column);
        int at = 0;
        for (int j = 0; j < inner; j++, at += aInnerStride)
        {
            Vector<T> b0 = Vector.LoadUnsafe(ref rowB);
            Vector<T> b1 = Vector.LoadUnsafe(ref rowB, (nuint)lanes);
            var x0 = new Vector<T>(Unsafe.Add(ref a0, at));
            c00 = VectorMath.MultiplyAdd(b0, x0, c00);
            c01 = VectorMath.MultiplyAdd(b1, x0, c01);
            var x1 = new Vector<T>(Unsafe.Add(ref a1, at));
            c10 = VectorMath.MultiplyAdd(b0, x1, c10);
            c11 = VectorMath.MultiplyAdd(b1, x1, c11);
            var x2 = new Vector<T>(Unsafe.Add(ref a2, at));
            c20 = VectorMath.MultiplyAdd(b0, x2, c20);
            c21 = VectorMath.MultiplyAdd(b1, x2, c21);
            var x3 = new Vector<T>(Unsafe.Add(ref a3, at));
            c30 = VectorMath.MultiplyAdd(b0, x3, c30);
            c31 = VectorMath.MultiplyAdd(b1, x3, c31);
            rowB = ref Unsafe.Add(ref rowB, columns);
        }

        ref T target = ref Unsafe.Add(ref c, column);
        StorePair(ref target, c00, c01);
        StorePair(ref Unsafe.Add(ref target, columns), c10, c11);
        StorePair(ref Unsafe.Add(ref target, 2 * columns), c20, c21);
        StorePair(ref Unsafe.Add(ref target, 3 * columns), c30, c31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyFourRowsOneVector<T>(
        ref T a, int aRowStride, int aInnerStride, ref T b, ref T c, int inner, int columns, int column, T init0, T init1, T init2, T init3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> c0 = new(init0), c1 = new(init1), c2 = new(init2), c3 = new(init3);
        ref T a0 = ref a;
        ref T a1 = ref Unsafe.Add(ref a, aRowStride);
        ref T a2 = ref Unsafe.Add(ref a, 2 * aRowStride);
        ref T a3 = ref Unsafe.Add(ref a, 3 * aRowStride);
        ref T rowB = ref Unsafe.Add(ref b, column);
        int at = 0;
        for (int j = 0; j < inner; j++, at += aInnerStride)
        {
            Vector<T> b0 = Vector.LoadUnsafe(ref rowB);
            c0 = VectorMath.MultiplyAdd(b0, new Vector<T>(Unsafe.Add(ref a0, at)), c0);
            c1 = VectorMath.MultiplyAdd(b0, new Vector<T>(Unsafe.Add(ref a1, at)), c1);
            c2 = VectorMath.MultiplyAdd(b0, new Vector<T>(Unsafe.Add(ref a2, at)), c2);
            c3 = VectorMath.MultiplyAdd(b0, new Vector<T>(Unsafe.Add(ref a3, at)), c3);
            rowB = ref Unsafe.Add(ref rowB, columns);
        }

        ref T target = ref Unsafe.Add(ref c, column);
        Vector.StoreUnsafe(c0, ref target);
        Vector.StoreUnsafe(c1, ref Unsafe.Add(ref target, columns));
        Vector.StoreUnsafe(c2, ref Unsafe.Add(ref target, 2 * columns));
        Vector.StoreUnsafe(c3, ref Unsafe.Add(ref target, 3 * columns));
    }

    /// <summary>One row × two vectors, over two chains of <c>j</c> (even and odd) so four multiply-adds are in flight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyOneRowTwoVectors<T>(ref T a, int aInnerStride, ref T b, ref T c, int inner, int columns, int column, T init)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        Vector<T> even0 = new(init), even1 = even0, odd0 = Vector<T>.Zero, odd1 = Vector<T>.Zero;
        ref T rowB = ref Unsafe.Add(ref b, column);
        int at = 0;
        int j = 0;
        for (; j + 1 < inner; j += 2, at += 2 * aInnerStride)
        {
            ref T nextB = ref Unsafe.Add(ref rowB, columns);
            var x0 = new Vector<T>(Unsafe.Add(ref a, at));
            var x1 = new Vector<T>(Unsafe.Add(ref a, at + aInnerStride));
            even0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref rowB), x0, even0);
            even1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref rowB, (nuint)lanes), x0, even1);
            odd0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref nextB), x1, odd0);
            odd1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref nextB, (nuint)lanes), x1, odd1);
            rowB = ref Unsafe.Add(ref nextB, columns);
        }

        if (j < inner)
        {
            var x0 = new Vector<T>(Unsafe.Add(ref a, at));
            even0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref rowB), x0, even0);
            even1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref rowB, (nuint)lanes), x0, even1);
        }

        StorePair(ref Unsafe.Add(ref c, column), even0 + odd0, even1 + odd1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyOneRowOneVector<T>(ref T a, int aInnerStride, ref T b, ref T c, int inner, int columns, int column, T init)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> even = new(init), odd = Vector<T>.Zero;
        ref T rowB = ref Unsafe.Add(ref b, column);
        int at = 0;
        int j = 0;
        for (; j + 1 < inner; j += 2, at += 2 * aInnerStride)
        {
            ref T nextB = ref Unsafe.Add(ref rowB, columns);
            even = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref rowB), new Vector<T>(Unsafe.Add(ref a, at)), even);
            odd = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref nextB), new Vector<T>(Unsafe.Add(ref a, at + aInnerStride)), odd);
            rowB = ref Unsafe.Add(ref nextB, columns);
        }

        if (j < inner)
        {
            even = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref rowB), new Vector<T>(Unsafe.Add(ref a, at)), even);
        }

        Vector.StoreUnsafe(even + odd, ref Unsafe.Add(ref c, column));
    }

    /// <summary>The plain product, for rows shorter than one vector (or no vector hardware).</summary>
    private static void MultiplyScalar<T>(
        ref T a, int aRowStride, int aInnerStride, ref T b, ref T c, int rows, int inner, int columns, ReadOnlySpan<T> bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int row = 0; row < rows; row++)
        {
            ref T rowA = ref Unsafe.Add(ref a, row * aRowStride);
            for (int column = 0; column < columns; column++)
            {
                T sum = bias.IsEmpty ? T.Zero : bias[row];
                for (int j = 0; j < inner; j++)
                {
                    sum += Unsafe.Add(ref rowA, j * aInnerStride) * Unsafe.Add(ref b, (j * columns) + column);
                }

                Unsafe.Add(ref c, (row * columns) + column) = sum;
            }
        }
    }

    /// <summary>
    /// Adds the 4 × 2 dot products <c>g_i·b_j</c> (rows <c>i</c> of <paramref name="g"/>, rows <c>j</c> of
    /// <paramref name="b"/>, both <c>columns</c> long) to <c>d[i·patch + j]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DotFourByTwo<T>(ref T g, ref T b, ref T d, int patch, int columns, int vectorEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T g0 = ref g;
        ref T g1 = ref Unsafe.Add(ref g, columns);
        ref T g2 = ref Unsafe.Add(ref g, 2 * columns);
        ref T g3 = ref Unsafe.Add(ref g, 3 * columns);
        ref T b0 = ref b;
        ref T b1 = ref Unsafe.Add(ref b, columns);
        Vector<T> s00 = Vector<T>.Zero, s01 = Vector<T>.Zero, s10 = Vector<T>.Zero, s11 = Vector<T>.Zero;
        Vector<T> s20 = Vector<T>.Zero, s21 = Vector<T>.Zero, s30 = Vector<T>.Zero, s31 = Vector<T>.Zero;
        for (int p = 0; p < vectorEnd; p += Vector<T>.Count)
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

        ref T d1 = ref Unsafe.Add(ref d, patch);
        ref T d2 = ref Unsafe.Add(ref d, 2 * patch);
        ref T d3 = ref Unsafe.Add(ref d, 3 * patch);
        d += Vector.Sum(s00) + ScalarDot(ref g0, ref b0, vectorEnd, columns);
        Unsafe.Add(ref d, 1) += Vector.Sum(s01) + ScalarDot(ref g0, ref b1, vectorEnd, columns);
        d1 += Vector.Sum(s10) + ScalarDot(ref g1, ref b0, vectorEnd, columns);
        Unsafe.Add(ref d1, 1) += Vector.Sum(s11) + ScalarDot(ref g1, ref b1, vectorEnd, columns);
        d2 += Vector.Sum(s20) + ScalarDot(ref g2, ref b0, vectorEnd, columns);
        Unsafe.Add(ref d2, 1) += Vector.Sum(s21) + ScalarDot(ref g2, ref b1, vectorEnd, columns);
        d3 += Vector.Sum(s30) + ScalarDot(ref g3, ref b0, vectorEnd, columns);
        Unsafe.Add(ref d3, 1) += Vector.Sum(s31) + ScalarDot(ref g3, ref b1, vectorEnd, columns);
    }

    /// <summary><c>Σ_p x[p]·y[p]</c> over two chains of vectors (even and odd), then the scalar tail from <paramref name="vectorEnd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Dot<T>(ref T x, ref T y, int columns, int vectorEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        Vector<T> even = Vector<T>.Zero, odd = Vector<T>.Zero;
        int p = 0;
        for (; p + (2 * lanes) <= vectorEnd; p += 2 * lanes)
        {
            even = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)p), Vector.LoadUnsafe(ref y, (nuint)p), even);
            odd = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)(p + lanes)), Vector.LoadUnsafe(ref y, (nuint)(p + lanes)), odd);
        }

        if (p < vectorEnd)
        {
            even = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)p), Vector.LoadUnsafe(ref y, (nuint)p), even);
        }

        return Vector.Sum(even + odd) + ScalarDot(ref x, ref y, vectorEnd, columns);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ScalarDot<T>(ref T x, ref T y, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int p = start; p < end; p++)
        {
            sum += Unsafe.Add(ref x, p) * Unsafe.Add(ref y, p);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePair<T>(ref T target, Vector<T> first, Vector<T> second)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector.StoreUnsafe(first, ref target);
        Vector.StoreUnsafe(second, ref target, (nuint)Vector<T>.Count);
    }
}
