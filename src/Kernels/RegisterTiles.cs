using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNN.Kernels;

/// <summary>
/// The register tiles the register-blocked matrix products run on: the dense layers' batch passes
/// (<see cref="DenseBatchKernel"/>: forward, input gradient, weight gradient, and through them the recurrent layers'
/// block products) and the convolutions' (<see cref="ConvolutionKernel"/>: forward and input gradient, im2col and
/// direct). A tile computes, for a few rows <c>r</c> and a few vectors of columns <c>p</c>,
/// <code>C[r, p] = store(start(r, p) + Σ_k A(r, k)·B_k[p])</code>
/// with every sum in a register of its own: each vector of <c>B</c> loaded serves every row of the tile, and each
/// broadcast value of <c>A</c> every vector. Four rows × four 512-bit vectors use 16 of AVX-512's 32 registers; four
/// rows × three vectors 12 of AVX2's 16; the narrower tiles serve the edges. What differs from one product to the
/// next is named by type arguments, structs the JIT compiles into the tile:
/// <list type="bullet">
/// <item><c>TWidth</c>: <see cref="Vector{T}"/> or <see cref="System.Runtime.Intrinsics.Vector512{T}"/> (<see cref="VectorWidth"/>).</item>
/// <item><c>TRows</c>: where <c>B</c>'s rows are, a stride apart (<see cref="StridedRows{T}"/>) or where a table says (<see cref="TableRows{T}"/>).</item>
/// <item><c>TStart</c>: what the sums start from: each row's bias (<see cref="RowBias{T}"/>), each column's (<see cref="ColumnBias{T}"/>) or zero.</item>
/// <item><c>TStore</c>: how they end: overwriting <c>C</c> after an activation (<see cref="Overwrite{T, TActivation}"/>), added to it (<see cref="AddTo{T}"/>), or as an SGD step on it (<see cref="SgdStep{T}"/>).</item>
/// </list>
/// <c>A(r, k) = a[r·aRowStride + k·aInnerStride]</c>, so one tile multiplies by <c>W</c> or by <c>Wᵀ</c>, and reads a
/// block of samples' inputs as rows or as columns. Each vector names the column it reads <c>B</c> at (<c>source</c>)
/// and the column it writes <c>C</c> at (<c>target</c>): a direct convolution's output rows have no gaps where its
/// input rows do. <c>a</c> and <c>c</c> point at the tile's first row. The sums run in <c>k</c> order, except in
/// <see cref="FourByOne"/> and <see cref="OneByOne"/>: two chains each (even and odd <c>k</c>), added at the end.
/// <c>slope</c> is the activation's (LeakyReLU's) for <see cref="Overwrite{T, TActivation}"/> and <c>−η</c> for
/// <see cref="SgdStep{T}"/>; <see cref="AddTo{T}"/> ignores it.
/// Each tile walks <c>A</c> with one pointer and reaches its rows through one stride, and names each vector's
/// column by an offset from one row address of <c>B</c>, so that everything the loop needs stays in x64's general
/// registers: with a pointer per row or per vector the JIT spilled them or recomputed them on every iteration. The
/// strides are copied into native-integer locals first, which the JIT keeps in registers instead of widening the
/// caller's <see langword="int"/> again on every iteration.
/// A convolution's weight gradient is the one product not on these tiles: its sums run along the output positions,
/// which are contiguous in both of its operands, so it is a block of dot products instead (vectors along the sum).
/// </summary>
internal static class RegisterTiles
{
    /// <summary>The rows of the full tiles.</summary>
    public const int Rows = 4;

    /// <summary>
    /// Whether a tile should apply <typeparamref name="TActivation"/> as it stores (<see cref="Overwrite{T, TActivation}"/>):
    /// the piecewise-linear activations. The others (tanh, sigmoid) are built on the exponential; inlined into a tile
    /// once per stored vector, they spent the JIT's inlining budget and left calls to the exponential, and to the tile
    /// itself (N1's training step took 3.1 µs, 2.5 with the pass; a LeNet with tanh convolutions 19 µs a forward pass,
    /// 13 with it), so <see cref="Overwrite{T, TActivation}"/> stores their sums as they are, and callers apply them in a
    /// pass of their own: the dense tiles right after each tile, on values still in L1; the convolutions after the whole
    /// product.
    /// </summary>
    public static bool ActivatesInStore<T, TActivation>()
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T> =>
        typeof(TActivation) == typeof(IdentityActivation<T>) || typeof(TActivation) == typeof(ReLUActivation<T>) || typeof(TActivation) == typeof(LeakyReLUActivation<T>);

    /// <summary>Four rows × four vectors: sixteen sums, for 512-bit vectors and their 32 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FourByFour<T, TVector, TWidth, TRows, TStart, TStore>(
        ref T a,
        nint aRowStride,
        nint aInnerStride,
        TRows bRows,
        int inner,
        TStart start,
        ref T c,
        nint cRowStride,
        T slope,
        nint source0,
        nint source1,
        nint source2,
        nint source3,
        nint target0,
        nint target1,
        nint target2,
        nint target3)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
        where TRows : IRowCursor<T>, allows ref struct
        where TStart : ITileStart<T, TStart>, allows ref struct
        where TStore : ITileStore<T>
    {
        TVector s00 = start.At<TVector, TWidth>(0, target0), s01 = start.At<TVector, TWidth>(0, target1), s02 = start.At<TVector, TWidth>(0, target2), s03 = start.At<TVector, TWidth>(0, target3);
        TVector s10 = start.At<TVector, TWidth>(1, target0), s11 = start.At<TVector, TWidth>(1, target1), s12 = start.At<TVector, TWidth>(1, target2), s13 = start.At<TVector, TWidth>(1, target3);
        TVector s20 = start.At<TVector, TWidth>(2, target0), s21 = start.At<TVector, TWidth>(2, target1), s22 = start.At<TVector, TWidth>(2, target2), s23 = start.At<TVector, TWidth>(2, target3);
        TVector s30 = start.At<TVector, TWidth>(3, target0), s31 = start.At<TVector, TWidth>(3, target1), s32 = start.At<TVector, TWidth>(3, target2), s33 = start.At<TVector, TWidth>(3, target3);
        nint row3 = 3 * aRowStride;
        ref T column = ref a;
        nint count = inner, step = aInnerStride;
        for (nint k = 0; k < count; k++)
        {
            ref T rowB = ref bRows.Next();
            TVector v0 = TWidth.Load(ref rowB, (nuint)source0);
            TVector v1 = TWidth.Load(ref rowB, (nuint)source1);
            TVector v2 = TWidth.Load(ref rowB, (nuint)source2);
            TVector v3 = TWidth.Load(ref rowB, (nuint)source3);
            TVector x0 = TWidth.Broadcast(column);
            s00 = TWidth.MultiplyAdd(v0, x0, s00);
            s01 = TWidth.MultiplyAdd(v1, x0, s01);
            s02 = TWidth.MultiplyAdd(v2, x0, s02);
            s03 = TWidth.MultiplyAdd(v3, x0, s03);
            TVector x1 = TWidth.Broadcast(Unsafe.Add(ref column, aRowStride));
            s10 = TWidth.MultiplyAdd(v0, x1, s10);
            s11 = TWidth.MultiplyAdd(v1, x1, s11);
            s12 = TWidth.MultiplyAdd(v2, x1, s12);
            s13 = TWidth.MultiplyAdd(v3, x1, s13);
            TVector x2 = TWidth.Broadcast(Unsafe.Add(ref column, 2 * aRowStride));
            s20 = TWidth.MultiplyAdd(v0, x2, s20);
            s21 = TWidth.MultiplyAdd(v1, x2, s21);
            s22 = TWidth.MultiplyAdd(v2, x2, s22);
            s23 = TWidth.MultiplyAdd(v3, x2, s23);
            TVector x3 = TWidth.Broadcast(Unsafe.Add(ref column, row3));
            s30 = TWidth.MultiplyAdd(v0, x3, s30);
            s31 = TWidth.MultiplyAdd(v1, x3, s31);
            s32 = TWidth.MultiplyAdd(v2, x3, s32);
            s33 = TWidth.MultiplyAdd(v3, x3, s33);
            column = ref Unsafe.Add(ref column, step);
        }

        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref c, target0), cRowStride, s00, s10, s20, s30, slope);
        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref c, target1), cRowStride, s01, s11, s21, s31, slope);
        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref c, target2), cRowStride, s02, s12, s22, s32, slope);
        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref c, target3), cRowStride, s03, s13, s23, s33, slope);
    }

    /// <summary>
    /// Eight rows × three vectors: twenty-four sums, with the three <c>B</c> vectors and a broadcast within AVX-512's 32
    /// registers. Each <c>B</c> vector loaded serves eight rows: twice the multiply-adds per load of
    /// <see cref="FourByThree"/>, for products whose <c>B</c> loads are dear (a direct convolution's, off their
    /// alignment at every tap).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void EightByThree<T, TVector, TWidth, TRows, TStart, TStore>(
        ref T a,
        nint aRowStride,
        nint aInnerStride,
        TRows bRows,
        int inner,
        TStart start,
        ref T c,
        nint cRowStride,
        T slope,
        nint source0,
        nint source1,
        nint source2,
        nint target0,
        nint target1,
        nint target2)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
        where TRows : IRowCursor<T>, allows ref struct
        where TStart : ITileStart<T, TStart>, allows ref struct
        where TStore : ITileStore<T>
    {
        TVector s00 = start.At<TVector, TWidth>(0, target0), s01 = start.At<TVector, TWidth>(0, target1), s02 = start.At<TVector, TWidth>(0, target2);
        TVector s10 = start.At<TVector, TWidth>(1, target0), s11 = start.At<TVector, TWidth>(1, target1), s12 = start.At<TVector, TWidth>(1, target2);
        TVector s20 = start.At<TVector, TWidth>(2, target0), s21 = start.At<TVector, TWidth>(2, target1), s22 = start.At<TVector, TWidth>(2, target2);
        TVector s30 = start.At<TVector, TWidth>(3, target0), s31 = start.At<TVector, TWidth>(3, target1), s32 = start.At<TVector, TWidth>(3, target2);
        TVector s40 = start.At<TVector, TWidth>(4, target0), s41 = start.At<TVector, TWidth>(4, target1), s42 = start.At<TVector, TWidth>(4, target2);
        TVector s50 = start.At<TVector, TWidth>(5, target0), s51 = start.At<TVector, TWidth>(5, target1), s52 = start.At<TVector, TWidth>(5, target2);
        TVector s60 = start.At<TVector, TWidth>(6, target0), s61 = start.At<TVector, TWidth>(6, target1), s62 = start.At<TVector, TWidth>(6, target2);
        TVector s70 = start.At<TVector, TWidth>(7, target0), s71 = start.At<TVector, TWidth>(7, target1), s72 = start.At<TVector, TWidth>(7, target2);
        ref T column = ref a;
        nint count = inner, step = aInnerStride;
        for (nint k = 0; k < count; k++)
        {
            ref T rowB = ref bRows.Next();
            TVector v0 = TWidth.Load(ref rowB, (nuint)source0);
            TVector v1 = TWidth.Load(ref rowB, (nuint)source1);
            TVector v2 = TWidth.Load(ref rowB, (nuint)source2);
            TVector x0 = TWidth.Broadcast(column);
            s00 = TWidth.MultiplyAdd(v0, x0, s00);
            s01 = TWidth.MultiplyAdd(v1, x0, s01);
            s02 = TWidth.MultiplyAdd(v2, x0, s02);
            TVector x1 = TWidth.Broadcast(Unsafe.Add(ref column, aRowStride));
            s10 = TWidth.MultiplyAdd(v0, x1, s10);
            s11 = TWidth.MultiplyAdd(v1, x1, s11);
            s12 = TWidth.MultiplyAdd(v2, x1, s12);
            TVector x2 = TWidth.Broadcast(Unsafe.Add(ref column, 2 * aRowStride));
            s20 = TWidth.MultiplyAdd(v0, x2, s20);
            s21 = TWidth.MultiplyAdd(v1, x2, s21);
            s22 = TWidth.MultiplyAdd(v2, x2, s22);
            TVector x3 = TWidth.Broadcast(Unsafe.Add(ref column, 3 * aRowStride));
            s30 = TWidth.MultiplyAdd(v0, x3, s30);
            s31 = TWidth.MultiplyAdd(v1, x3, s31);
            s32 = TWidth.MultiplyAdd(v2, x3, s32);
            TVector x4 = TWidth.Broadcast(Unsafe.Add(ref column, 4 * aRowStride));
            s40 = TWidth.MultiplyAdd(v0, x4, s40);
            s41 = TWidth.MultiplyAdd(v1, x4, s41);
            s42 = TWidth.MultiplyAdd(v2, x4, s42);
            TVector x5 = TWidth.Broadcast(Unsafe.Add(ref column, 5 * aRowStride));
            s50 = TWidth.MultiplyAdd(v0, x5, s50);
            s51 = TWidth.MultiplyAdd(v1, x5, s51);
            s52 = TWidth.MultiplyAdd(v2, x5, s52);
            TVector x6 = TWidth.Broadcast(Unsafe.Add(ref column, 6 * aRowStride));
            s60 = TWidth.MultiplyAdd(v0, x6, s60);
            s61 = TWidth.MultiplyAdd(v1, x6, s61);
            s62 = TWidth.MultiplyAdd(v2, x6, s62);
            TVector x7 = TWidth.Broadcast(Unsafe.Add(ref column, 7 * aRowStride));
            s70 = TWidth.MultiplyAdd(v0, x7, s70);
            s71 = TWidth.MultiplyAdd(v1, x7, s71);
            s72 = TWidth.MultiplyAdd(v2, x7, s72);
            column = ref Unsafe.Add(ref column, step);
        }

        ref T lower = ref Unsafe.Add(ref c, 4 * cRowStride);
        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref c, target0), cRowStride, s00, s10, s20, s30, slope);
        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref c, target1), cRowStride, s01, s11, s21, s31, slope);
        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref c, target2), cRowStride, s02, s12, s22, s32, slope);
        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref lower, target0), cRowStride, s40, s50, s60, s70, slope);
        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref lower, target1), cRowStride, s41, s51, s61, s71, slope);
        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref lower, target2), cRowStride, s42, s52, s62, s72, slope);
    }

    /// <summary>Four rows × three vectors: twelve sums, within AVX2's sixteen registers with the three <c>B</c> vectors and a broadcast.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FourByThree<T, TVector, TWidth, TRows, TStart, TStore>(
        ref T a,
        nint aRowStride,
        nint aInnerStride,
        TRows bRows,
        int inner,
        TStart start,
        ref T c,
        nint cRowStride,
        T slope,
        nint source0,
        nint source1,
        nint source2,
        nint target0,
        nint target1,
        nint target2)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
        where TRows : IRowCursor<T>, allows ref struct
        where TStart : ITileStart<T, TStart>, allows ref struct
        where TStore : ITileStore<T>
    {
        TVector s00 = start.At<TVector, TWidth>(0, target0), s01 = start.At<TVector, TWidth>(0, target1), s02 = start.At<TVector, TWidth>(0, target2);
        TVector s10 = start.At<TVector, TWidth>(1, target0), s11 = start.At<TVector, TWidth>(1, target1), s12 = start.At<TVector, TWidth>(1, target2);
        TVector s20 = start.At<TVector, TWidth>(2, target0), s21 = start.At<TVector, TWidth>(2, target1), s22 = start.At<TVector, TWidth>(2, target2);
        TVector s30 = start.At<TVector, TWidth>(3, target0), s31 = start.At<TVector, TWidth>(3, target1), s32 = start.At<TVector, TWidth>(3, target2);
        nint row3 = 3 * aRowStride;
        ref T column = ref a;
        nint count = inner, step = aInnerStride;
        for (nint k = 0; k < count; k++)
        {
            ref T rowB = ref bRows.Next();
            TVector v0 = TWidth.Load(ref rowB, (nuint)source0);
            TVector v1 = TWidth.Load(ref rowB, (nuint)source1);
            TVector v2 = TWidth.Load(ref rowB, (nuint)source2);
            TVector x0 = TWidth.Broadcast(column);
            s00 = TWidth.MultiplyAdd(v0, x0, s00);
            s01 = TWidth.MultiplyAdd(v1, x0, s01);
            s02 = TWidth.MultiplyAdd(v2, x0, s02);
            TVector x1 = TWidth.Broadcast(Unsafe.Add(ref column, aRowStride));
            s10 = TWidth.MultiplyAdd(v0, x1, s10);
            s11 = TWidth.MultiplyAdd(v1, x1, s11);
            s12 = TWidth.MultiplyAdd(v2, x1, s12);
            TVector x2 = TWidth.Broadcast(Unsafe.Add(ref column, 2 * aRowStride));
            s20 = TWidth.MultiplyAdd(v0, x2, s20);
            s21 = TWidth.MultiplyAdd(v1, x2, s21);
            s22 = TWidth.MultiplyAdd(v2, x2, s22);
            TVector x3 = TWidth.Broadcast(Unsafe.Add(ref column, row3));
            s30 = TWidth.MultiplyAdd(v0, x3, s30);
            s31 = TWidth.MultiplyAdd(v1, x3, s31);
            s32 = TWidth.MultiplyAdd(v2, x3, s32);
            column = ref Unsafe.Add(ref column, step);
        }

        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref c, target0), cRowStride, s00, s10, s20, s30, slope);
        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref c, target1), cRowStride, s01, s11, s21, s31, slope);
        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref c, target2), cRowStride, s02, s12, s22, s32, slope);
    }

    /// <summary>
    /// Four rows × two vectors: eight sums, the dense layers' tile beside the wider ones (and theirs alone on processors
    /// without AVX-512). The four broadcasts come before the multiply-adds so that the eight chains issue back to back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FourByTwo<T, TVector, TWidth, TRows, TStart, TStore>(
        ref T a, nint aRowStride, nint aInnerStride, TRows bRows, int inner, TStart start, ref T c, nint cRowStride, T slope, nint source0, nint source1, nint target0, nint target1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
        where TRows : IRowCursor<T>, allows ref struct
        where TStart : ITileStart<T, TStart>, allows ref struct
        where TStore : ITileStore<T>
    {
        TVector s00 = start.At<TVector, TWidth>(0, target0), s01 = start.At<TVector, TWidth>(0, target1);
        TVector s10 = start.At<TVector, TWidth>(1, target0), s11 = start.At<TVector, TWidth>(1, target1);
        TVector s20 = start.At<TVector, TWidth>(2, target0), s21 = start.At<TVector, TWidth>(2, target1);
        TVector s30 = start.At<TVector, TWidth>(3, target0), s31 = start.At<TVector, TWidth>(3, target1);
        nint row3 = 3 * aRowStride;
        ref T column = ref a;
        nint count = inner, step = aInnerStride;
        for (nint k = 0; k < count; k++)
        {
            ref T rowB = ref bRows.Next();
            TVector v0 = TWidth.Load(ref rowB, (nuint)source0);
            TVector v1 = TWidth.Load(ref rowB, (nuint)source1);
            TVector x0 = TWidth.Broadcast(column);
            TVector x1 = TWidth.Broadcast(Unsafe.Add(ref column, aRowStride));
            TVector x2 = TWidth.Broadcast(Unsafe.Add(ref column, 2 * aRowStride));
            TVector x3 = TWidth.Broadcast(Unsafe.Add(ref column, row3));
            s00 = TWidth.MultiplyAdd(v0, x0, s00);
            s01 = TWidth.MultiplyAdd(v1, x0, s01);
            s10 = TWidth.MultiplyAdd(v0, x1, s10);
            s11 = TWidth.MultiplyAdd(v1, x1, s11);
            s20 = TWidth.MultiplyAdd(v0, x2, s20);
            s21 = TWidth.MultiplyAdd(v1, x2, s21);
            s30 = TWidth.MultiplyAdd(v0, x3, s30);
            s31 = TWidth.MultiplyAdd(v1, x3, s31);
            column = ref Unsafe.Add(ref column, step);
        }

        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref c, target0), cRowStride, s00, s10, s20, s30, slope);
        StoreColumn<T, TVector, TWidth, TStore>(ref Unsafe.Add(ref c, target1), cRowStride, s01, s11, s21, s31, slope);
    }

    /// <summary>
    /// Four rows × one vector, for the columns the wider tiles leave: eight sums, as each row's sum runs in two chains
    /// (even and odd <c>k</c>, added at the end) so that four rows alone still cover the multiply-add's latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FourByOne<T, TVector, TWidth, TRows, TStart, TStore>(
        ref T a, nint aRowStride, nint aInnerStride, TRows bRows, int inner, TStart start, ref T c, nint cRowStride, T slope, nint source, nint target)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
        where TRows : IRowCursor<T>, allows ref struct
        where TStart : ITileStart<T, TStart>, allows ref struct
        where TStore : ITileStore<T>
    {
        TVector e0 = start.At<TVector, TWidth>(0, target), e1 = start.At<TVector, TWidth>(1, target);
        TVector e2 = start.At<TVector, TWidth>(2, target), e3 = start.At<TVector, TWidth>(3, target);
        TVector o0 = TWidth.Zero, o1 = TWidth.Zero, o2 = TWidth.Zero, o3 = TWidth.Zero;
        nint row3 = 3 * aRowStride;
        ref T column = ref a;
        nint count = inner, step = aInnerStride;
        nint k = 0;
        for (nint pairStep = 2 * step; k < count - 1; k += 2)
        {
            TVector even = TWidth.Load(ref bRows.Next(), (nuint)source);
            TVector odd = TWidth.Load(ref bRows.Next(), (nuint)source);
            e0 = TWidth.MultiplyAdd(even, TWidth.Broadcast(column), e0);
            e1 = TWidth.MultiplyAdd(even, TWidth.Broadcast(Unsafe.Add(ref column, aRowStride)), e1);
            e2 = TWidth.MultiplyAdd(even, TWidth.Broadcast(Unsafe.Add(ref column, 2 * aRowStride)), e2);
            e3 = TWidth.MultiplyAdd(even, TWidth.Broadcast(Unsafe.Add(ref column, row3)), e3);
            ref T next = ref Unsafe.Add(ref column, step);
            o0 = TWidth.MultiplyAdd(odd, TWidth.Broadcast(next), o0);
            o1 = TWidth.MultiplyAdd(odd, TWidth.Broadcast(Unsafe.Add(ref next, aRowStride)), o1);
            o2 = TWidth.MultiplyAdd(odd, TWidth.Broadcast(Unsafe.Add(ref next, 2 * aRowStride)), o2);
            o3 = TWidth.MultiplyAdd(odd, TWidth.Broadcast(Unsafe.Add(ref next, row3)), o3);
            column = ref Unsafe.Add(ref column, pairStep);
        }

        if (k < count)
        {
            TVector last = TWidth.Load(ref bRows.Next(), (nuint)source);
            e0 = TWidth.MultiplyAdd(last, TWidth.Broadcast(column), e0);
            e1 = TWidth.MultiplyAdd(last, TWidth.Broadcast(Unsafe.Add(ref column, aRowStride)), e1);
            e2 = TWidth.MultiplyAdd(last, TWidth.Broadcast(Unsafe.Add(ref column, 2 * aRowStride)), e2);
            e3 = TWidth.MultiplyAdd(last, TWidth.Broadcast(Unsafe.Add(ref column, row3)), e3);
        }

        StoreColumn<T, TVector, TWidth, TStore>(
            ref Unsafe.Add(ref c, target), cRowStride, TWidth.Add(e0, o0), TWidth.Add(e1, o1), TWidth.Add(e2, o2), TWidth.Add(e3, o3), slope);
    }

    /// <summary>One row × two vectors: the rows after the last group of four, beside the four-row tiles of two vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OneByTwo<T, TVector, TWidth, TRows, TStart, TStore>(
        ref T a, nint aInnerStride, TRows bRows, int inner, TStart start, ref T c, T slope, nint source0, nint source1, nint target0, nint target1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
        where TRows : IRowCursor<T>, allows ref struct
        where TStart : ITileStart<T, TStart>, allows ref struct
        where TStore : ITileStore<T>
    {
        TVector s0 = start.At<TVector, TWidth>(0, target0), s1 = start.At<TVector, TWidth>(0, target1);
        ref T column = ref a;
        nint count = inner, step = aInnerStride;
        for (nint k = 0; k < count; k++)
        {
            ref T rowB = ref bRows.Next();
            TVector x = TWidth.Broadcast(column);
            s0 = TWidth.MultiplyAdd(TWidth.Load(ref rowB, (nuint)source0), x, s0);
            s1 = TWidth.MultiplyAdd(TWidth.Load(ref rowB, (nuint)source1), x, s1);
            column = ref Unsafe.Add(ref column, step);
        }

        TStore.Store<TVector, TWidth>(s0, ref Unsafe.Add(ref c, target0), slope);
        TStore.Store<TVector, TWidth>(s1, ref Unsafe.Add(ref c, target1), slope);
    }

    /// <summary>One row × one vector, in two chains (even and odd <c>k</c>) so that the latency does not serialize the sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OneByOne<T, TVector, TWidth, TRows, TStart, TStore>(
        ref T a, nint aInnerStride, TRows bRows, int inner, TStart start, ref T c, T slope, nint source, nint target)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
        where TRows : IRowCursor<T>, allows ref struct
        where TStart : ITileStart<T, TStart>, allows ref struct
        where TStore : ITileStore<T>
    {
        TVector even = start.At<TVector, TWidth>(0, target), odd = TWidth.Zero;
        ref T column = ref a;
        nint count = inner, step = aInnerStride;
        nint k = 0;
        for (nint pairStep = 2 * step; k < count - 1; k += 2)
        {
            ref T evenRow = ref bRows.Next();
            ref T oddRow = ref bRows.Next();
            even = TWidth.MultiplyAdd(TWidth.Load(ref evenRow, (nuint)source), TWidth.Broadcast(column), even);
            odd = TWidth.MultiplyAdd(TWidth.Load(ref oddRow, (nuint)source), TWidth.Broadcast(Unsafe.Add(ref column, step)), odd);
            column = ref Unsafe.Add(ref column, pairStep);
        }

        if (k < count)
        {
            even = TWidth.MultiplyAdd(TWidth.Load(ref bRows.Next(), (nuint)source), TWidth.Broadcast(column), even);
        }

        TStore.Store<TVector, TWidth>(TWidth.Add(even, odd), ref Unsafe.Add(ref c, target), slope);
    }

    /// <summary>Ends one vector of each of a tile's four rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreColumn<T, TVector, TWidth, TStore>(ref T target, nint rowStride, TVector row0, TVector row1, TVector row2, TVector row3, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
        where TStore : ITileStore<T>
    {
        TStore.Store<TVector, TWidth>(row0, ref target, slope);
        TStore.Store<TVector, TWidth>(row1, ref Unsafe.Add(ref target, rowStride), slope);
        TStore.Store<TVector, TWidth>(row2, ref Unsafe.Add(ref target, 2 * rowStride), slope);
        TStore.Store<TVector, TWidth>(row3, ref Unsafe.Add(ref target, 3 * rowStride), slope);
    }
}
