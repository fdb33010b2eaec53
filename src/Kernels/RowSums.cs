using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNN.Kernels;

/// <summary>Sums of rows: the bias gradients of a block of samples, whose deltas are the rows.</summary>
internal static class RowSums
{
    /// <summary>
    /// <c>target += row_0 + row_1 + … + row_(rows−1)</c>, added in that order (the bits of adding the rows one at a
    /// time), the rows <paramref name="stride"/> apart from <paramref name="first"/>: a block's per-sample deltas
    /// into a bias gradient. Four vectors of <paramref name="target"/> at a time stay in registers while
    /// the rows pass, so each is loaded and stored once per call instead of once per row.
    /// </summary>
    public static void AddRows<T>(ref T first, int stride, int rows, Span<T> target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            if (VectorWidth.UsesVector512<T>())
            {
                k = AddRowVectors<T, Vector512<T>, Vector512Width<T>>(ref first, stride, rows, target, k);
            }

            k = AddRowVectors<T, Vector<T>, VectorTWidth<T>>(ref first, stride, rows, target, k);
        }

        for (; k < target.Length; k++)
        {
            T sum = target[k];
            for (int r = 0; r < rows; r++)
            {
                sum += Unsafe.Add(ref first, (r * stride) + k);
            }

            target[k] = sum;
        }
    }

    /// <summary><see cref="AddRows"/> for the columns from <paramref name="start"/> on, as far as whole vectors of <typeparamref name="TWidth"/> go; returns where they end.</summary>
    private static int AddRowVectors<T, TVector, TWidth>(ref T first, int stride, int rows, Span<T> target, int start)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        int lanes = TWidth.Count;
        ref T sums = ref MemoryMarshal.GetReference(target);
        int k = start;
        for (; k + (4 * lanes) <= target.Length; k += 4 * lanes)
        {
            ref T column = ref Unsafe.Add(ref sums, k);
            TVector s0 = TWidth.Load(ref column, 0), s1 = TWidth.Load(ref column, (nuint)lanes);
            TVector s2 = TWidth.Load(ref column, (nuint)(2 * lanes)), s3 = TWidth.Load(ref column, (nuint)(3 * lanes));
            ref T row = ref Unsafe.Add(ref first, k);
            for (int r = 0; r < rows; r++)
            {
                s0 = TWidth.Add(s0, TWidth.Load(ref row, 0));
                s1 = TWidth.Add(s1, TWidth.Load(ref row, (nuint)lanes));
                s2 = TWidth.Add(s2, TWidth.Load(ref row, (nuint)(2 * lanes)));
                s3 = TWidth.Add(s3, TWidth.Load(ref row, (nuint)(3 * lanes)));
                row = ref Unsafe.Add(ref row, stride);
            }

            TWidth.Store(s0, ref column, 0);
            TWidth.Store(s1, ref column, (nuint)lanes);
            TWidth.Store(s2, ref column, (nuint)(2 * lanes));
            TWidth.Store(s3, ref column, (nuint)(3 * lanes));
        }

        for (; k + lanes <= target.Length; k += lanes)
        {
            ref T column = ref Unsafe.Add(ref sums, k);
            TVector sum = TWidth.Load(ref column, 0);
            ref T row = ref Unsafe.Add(ref first, k);
            for (int r = 0; r < rows; r++)
            {
                sum = TWidth.Add(sum, TWidth.Load(ref row, 0));
                row = ref Unsafe.Add(ref row, stride);
            }

            TWidth.Store(sum, ref column, 0);
        }

        return k;
    }
}
