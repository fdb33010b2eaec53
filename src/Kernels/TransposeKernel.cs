using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNN.Kernels;

/// <summary>
/// A matrix's transpose: the batched dense passes' transposed weights, the recurrent block passes' transposed gate
/// weights, and the <c>[Transpose]</c> layer's two axes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TransposeKernel
{
    /// <summary>
    /// <paramref name="target"/> (<c>[columns, rows]</c>) = the transpose of <paramref name="source"/> (<c>[rows, columns]</c>).
    /// Floats in square blocks transposed in registers, 16 × 16 on AVX-512 where both sides have 16, else 8 × 8 on AVX
    /// where both have 8 (the blocks at the ends placed flush with them, overlapping the ones before: the 1,152 weights
    /// of a 16-filter convolution 168 → 44 ns, 169 pooled values of 8 filters 205 → 66 ns); else four source rows at a
    /// time, so that each target row receives four neighbouring values per visit instead of one.
    /// The spans must not overlap.
    /// </summary>
    public static void Transpose<T>(ReadOnlySpan<T> source, int rows, int columns, Span<T> target)
    {
        Debug.Assert(source.Length >= rows * columns && target.Length >= rows * columns, "the spans are shorter than the matrix");
        ref T from = ref MemoryMarshal.GetReference(source);
        ref T to = ref MemoryMarshal.GetReference(target);
        if (typeof(T) == typeof(float) && Avx512F.IsSupported && rows >= 16 && columns >= 16)
        {
            TransposeInBlocks(ref Unsafe.As<T, float>(ref from), rows, columns, ref Unsafe.As<T, float>(ref to), 16);
            return;
        }

        if (typeof(T) == typeof(float) && Avx.IsSupported && rows >= 8 && columns >= 8)
        {
            TransposeInBlocks(ref Unsafe.As<T, float>(ref from), rows, columns, ref Unsafe.As<T, float>(ref to), 8);
            return;
        }

        int r = 0;
        for (; r + 3 < rows; r += 4)
        {
            ref T row0 = ref Unsafe.Add(ref from, r * columns);
            ref T row1 = ref Unsafe.Add(ref row0, columns);
            ref T row2 = ref Unsafe.Add(ref row1, columns);
            ref T row3 = ref Unsafe.Add(ref row2, columns);
            ref T column = ref Unsafe.Add(ref to, r);
            for (int c = 0; c < columns; c++)
            {
                column = Unsafe.Add(ref row0, c);
                Unsafe.Add(ref column, 1) = Unsafe.Add(ref row1, c);
                Unsafe.Add(ref column, 2) = Unsafe.Add(ref row2, c);
                Unsafe.Add(ref column, 3) = Unsafe.Add(ref row3, c);
                column = ref Unsafe.Add(ref column, rows);
            }
        }

        for (; r < rows; r++)
        {
            ref T row = ref Unsafe.Add(ref from, r * columns);
            for (int c = 0; c < columns; c++)
            {
                Unsafe.Add(ref to, (c * rows) + r) = Unsafe.Add(ref row, c);
            }
        }
    }

    /// <summary><see cref="Transpose"/> of floats in square blocks of 16 or 8, the last block of each dimension flush with its end.</summary>
    private static void TransposeInBlocks(ref float source, int rows, int columns, ref float target, int block)
    {
        for (int r = 0; r < rows; r += block)
        {
            int row = Math.Min(r, rows - block);
            for (int c = 0; c < columns; c += block)
            {
                int column = Math.Min(c, columns - block);
                ref float from = ref Unsafe.Add(ref source, (row * columns) + column);
                ref float to = ref Unsafe.Add(ref target, (column * rows) + row);
                if (block == 16)
                {
                    Transpose16(ref from, columns, ref to, rows);
                }
                else
                {
                    Transpose8(ref from, columns, ref to, rows);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="Transpose16"/> for an 8 × 8 block on 256-bit vectors: rows interleaved by 32 bits, pairs of those
    /// shuffled into four-row columns within each 128-bit lane, then the 128-bit lanes swapped: 24 shuffles for 64 values.
    /// </summary>
    private static void Transpose8(ref float source, nint sourceStride, ref float target, nint targetStride)
    {
        nuint stride = (nuint)sourceStride;
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source), r1 = Vector256.LoadUnsafe(ref source, stride), r2 = Vector256.LoadUnsafe(ref source, 2u * stride), r3 = Vector256.LoadUnsafe(ref source, 3u * stride);
        Vector256<float> r4 = Vector256.LoadUnsafe(ref source, 4u * stride), r5 = Vector256.LoadUnsafe(ref source, 5u * stride), r6 = Vector256.LoadUnsafe(ref source, 6u * stride), r7 = Vector256.LoadUnsafe(ref source, 7u * stride);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        // u: 128-bit lane j of u(m) (rows 0–3) and u(4 + m) (rows 4–7) holds column 4j + m.
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        nuint pitch = (nuint)targetStride;
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref target);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref target, pitch);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref target, 2u * pitch);
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref target, 3u * pitch);
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref target, 4u * pitch);
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref target, 5u * pitch);
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref target, 6u * pitch);
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref target, 7u * pitch);
    }

    /// <summary>
    /// Transposes the 16 × 16 block at <paramref name="source"/> (rows <paramref name="sourceStride"/> apart) into the one
    /// at <paramref name="target"/>: pairs of rows interleaved by 32 bits, then by 64 bits (each 128-bit lane then holds four
    /// rows' values of one column), then the 128-bit lanes gathered twice: 64 shuffles for 256 values.
    /// </summary>
    private static void Transpose16(ref float source, nint sourceStride, ref float target, nint targetStride)
    {
        nuint stride = (nuint)sourceStride;
        Vector512<float> r0 = Vector512.LoadUnsafe(ref source), r1 = Vector512.LoadUnsafe(ref source, 1u * stride), r2 = Vector512.LoadUnsafe(ref source, 2u * stride), r3 = Vector512.LoadUnsafe(ref source, 3u * stride);
        Vector512<float> r4 = Vector512.LoadUnsafe(ref source, 4u * stride), r5 = Vector512.LoadUnsafe(ref source, 5u * stride), r6 = Vector512.LoadUnsafe(ref source, 6u * stride), r7 = Vector512.LoadUnsafe(ref source, 7u * stride);
        Vector512<float> r8 = Vector512.LoadUnsafe(ref source, 8u * stride), r9 = Vector512.LoadUnsafe(ref source, 9u * stride), r10 = Vector512.LoadUnsafe(ref source, 10u * stride), r11 = Vector512.LoadUnsafe(ref source, 11u * stride);
        Vector512<float> r12 = Vector512.LoadUnsafe(ref source, 12u * stride), r13 = Vector512.LoadUnsafe(ref source, 13u * stride), r14 = Vector512.LoadUnsafe(ref source, 14u * stride), r15 = Vector512.LoadUnsafe(ref source, 15u * stride);

        // t(2i), t(2i+1): rows 2i and 2i+1 interleaved, the low and high halves of each 128-bit lane.
        Vector512<float> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1), t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<float> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5), t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);
        Vector512<float> t8 = Avx512F.UnpackLow(r8, r9), t9 = Avx512F.UnpackHigh(r8, r9), t10 = Avx512F.UnpackLow(r10, r11), t11 = Avx512F.UnpackHigh(r10, r11);
        Vector512<float> t12 = Avx512F.UnpackLow(r12, r13), t13 = Avx512F.UnpackHigh(r12, r13), t14 = Avx512F.UnpackLow(r14, r15), t15 = Avx512F.UnpackHigh(r14, r15);

        // u: 128-bit lane j of u(4i + m) holds column 4j + m of rows 4i to 4i + 3.
        Vector512<float> u0 = Low64(t0, t2), u1 = High64(t0, t2), u2 = Low64(t1, t3), u3 = High64(t1, t3);
        Vector512<float> u4 = Low64(t4, t6), u5 = High64(t4, t6), u6 = Low64(t5, t7), u7 = High64(t5, t7);
        Vector512<float> u8 = Low64(t8, t10), u9 = High64(t8, t10), u10 = Low64(t9, t11), u11 = High64(t9, t11);
        Vector512<float> u12 = Low64(t12, t14), u13 = High64(t12, t14), u14 = Low64(t13, t15), u15 = High64(t13, t15);

        // v: lanes 0 and 2 (0x88) or 1 and 3 (0xDD) of two u's, rows 0–7 (v0–v7) or 8–15 (v8–v15).
        Vector512<float> v0 = Avx512F.Shuffle4x128(u0, u4, 0x88), v1 = Avx512F.Shuffle4x128(u1, u5, 0x88), v2 = Avx512F.Shuffle4x128(u2, u6, 0x88), v3 = Avx512F.Shuffle4x128(u3, u7, 0x88);
        Vector512<float> v4 = Avx512F.Shuffle4x128(u0, u4, 0xDD), v5 = Avx512F.Shuffle4x128(u1, u5, 0xDD), v6 = Avx512F.Shuffle4x128(u2, u6, 0xDD), v7 = Avx512F.Shuffle4x128(u3, u7, 0xDD);
        Vector512<float> v8 = Avx512F.Shuffle4x128(u8, u12, 0x88), v9 = Avx512F.Shuffle4x128(u9, u13, 0x88), v10 = Avx512F.Shuffle4x128(u10, u14, 0x88), v11 = Avx512F.Shuffle4x128(u11, u15, 0x88);
        Vector512<float> v12 = Avx512F.Shuffle4x128(u8, u12, 0xDD), v13 = Avx512F.Shuffle4x128(u9, u13, 0xDD), v14 = Avx512F.Shuffle4x128(u10, u14, 0xDD), v15 = Avx512F.Shuffle4x128(u11, u15, 0xDD);

        // Target row i, the source's column i: lanes 0 and 2 (i < 8) or 1 and 3 (i ≥ 8) of v(i mod 8) and v(i mod 8 + 8).
        nuint pitch = (nuint)targetStride;
        Avx512F.Shuffle4x128(v0, v8, 0x88).StoreUnsafe(ref target);
        Avx512F.Shuffle4x128(v1, v9, 0x88).StoreUnsafe(ref target, 1u * pitch);
        Avx512F.Shuffle4x128(v2, v10, 0x88).StoreUnsafe(ref target, 2u * pitch);
        Avx512F.Shuffle4x128(v3, v11, 0x88).StoreUnsafe(ref target, 3u * pitch);
        Avx512F.Shuffle4x128(v4, v12, 0x88).StoreUnsafe(ref target, 4u * pitch);
        Avx512F.Shuffle4x128(v5, v13, 0x88).StoreUnsafe(ref target, 5u * pitch);
        Avx512F.Shuffle4x128(v6, v14, 0x88).StoreUnsafe(ref target, 6u * pitch);
        Avx512F.Shuffle4x128(v7, v15, 0x88).StoreUnsafe(ref target, 7u * pitch);
        Avx512F.Shuffle4x128(v0, v8, 0xDD).StoreUnsafe(ref target, 8u * pitch);
        Avx512F.Shuffle4x128(v1, v9, 0xDD).StoreUnsafe(ref target, 9u * pitch);
        Avx512F.Shuffle4x128(v2, v10, 0xDD).StoreUnsafe(ref target, 10u * pitch);
        Avx512F.Shuffle4x128(v3, v11, 0xDD).StoreUnsafe(ref target, 11u * pitch);
        Avx512F.Shuffle4x128(v4, v12, 0xDD).StoreUnsafe(ref target, 12u * pitch);
        Avx512F.Shuffle4x128(v5, v13, 0xDD).StoreUnsafe(ref target, 13u * pitch);
        Avx512F.Shuffle4x128(v6, v14, 0xDD).StoreUnsafe(ref target, 14u * pitch);
        Avx512F.Shuffle4x128(v7, v15, 0xDD).StoreUnsafe(ref target, 15u * pitch);
    }

    private static Vector512<float> Low64(Vector512<float> left, Vector512<float> right) => Avx512F.UnpackLow(left.AsDouble(), right.AsDouble()).AsSingle();

    private static Vector512<float> High64(Vector512<float> left, Vector512<float> right) => Avx512F.UnpackHigh(left.AsDouble(), right.AsDouble()).AsSingle();
}
