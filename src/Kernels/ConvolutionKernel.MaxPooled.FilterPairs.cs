using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNN.Kernels;

/// <summary>
/// <see cref="ConvolutionKernel.ForwardMaxPooled"/>'s runs for half a vector of float filters (eight): each filter takes
/// two lanes, one per column of the window (lane <c>2f + dx</c>), so a window takes two sums, one per row, up to eight
/// windows; each broadcast is a pair of neighbouring input values.
/// </summary>
public static partial class ConvolutionKernel
{
    /// <summary>Filters in lane pairs: <see cref="FilterPairRun"/>.</summary>
    private readonly struct FilterPairRuns<T> : IPooledRuns<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static int LongestRun => 8;

        public static int WindowValues => Vector512<T>.Count / 2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Run<TActivation, TLength>(
            int rows, ref T windows, nint inputWidth, ReadOnlySpan<int> kernelRows, ref T weights, Vector512<T> bias, ref T values, nint valuesPitch, T slope)
            where TActivation : IActivationFunction<T>
            where TLength : IRunLength
            => FilterPairRun<T, TActivation, TLength>(rows, ref windows, inputWidth, kernelRows, ref weights, bias, ref values, valuesPitch, slope);
    }

    /// <summary>
    /// <typeparamref name="TLength"/> neighbouring pooled values of one row (at most eight), for half a vector of
    /// filters: sum <c>s{j}{dy}</c> holds window <c>j</c>'s row <c>dy</c>, both columns. Per kernel row, the input pair
    /// at each column (one 64-bit broadcast) is multiplied into the sums of the windows it belongs to, by the weight vector
    /// of kernel column 0 or 2 for a pair at an even column, 1 at an odd one, in increasing kernel column.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a root of its own: up to sixteen sums in registers
    private static void FilterPairRun<T, TActivation, TLength>(
        int rows, ref T windows, nint inputWidth, ReadOnlySpan<int> kernelRows, ref T weights, Vector512<T> bias, ref T values, nint valuesPitch, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        where TLength : IRunLength
    {
        Debug.Assert(TLength.Value <= 8, "a run longer than this kernel has sums for");
        nuint lanes = (nuint)Vector512<T>.Count;
        for (int py = 0; py < rows; py++, windows = ref Unsafe.Add(ref windows, 2 * inputWidth), values = ref Unsafe.Add(ref values, valuesPitch))
        {
            Vector512<T> s00 = bias, s01 = bias, s10 = bias, s11 = bias, s20 = bias, s21 = bias, s30 = bias, s31 = bias;
            Vector512<T> s40 = bias, s41 = bias, s50 = bias, s51 = bias, s60 = bias, s61 = bias, s70 = bias, s71 = bias;
            ref int rowStart = ref MemoryMarshal.GetReference(kernelRows);
            ref T w = ref weights;
            for (int row = 0; row < kernelRows.Length; row++, w = ref Unsafe.Add(ref w, 3 * lanes))
            {
                Vector512<T> w0 = Vector512Width<T>.Load(ref w, 0);
                Vector512<T> w1 = Vector512Width<T>.Load(ref w, lanes);
                Vector512<T> w2 = Vector512Width<T>.Load(ref w, 2 * lanes);
                ref T r0 = ref Unsafe.Add(ref windows, Unsafe.Add(ref rowStart, row));
                ref T r1 = ref Unsafe.Add(ref r0, inputWidth);
                Vector512<T> p;
                // Input row ky + 0: the windows' row 0
                p = Pair(ref r0, 0);
                s00 = Vector512Width<T>.MultiplyAdd(w0, p, s00);

                p = Pair(ref r0, 1);
                s00 = Vector512Width<T>.MultiplyAdd(w1, p, s00);

                p = Pair(ref r0, 2);
                if (TLength.Value > 1) { s10 = Vector512Width<T>.MultiplyAdd(w0, p, s10); }
                s00 = Vector512Width<T>.MultiplyAdd(w2, p, s00);

                if (TLength.Value > 1)
                {
                    p = Pair(ref r0, 3);
                    s10 = Vector512Width<T>.MultiplyAdd(w1, p, s10);
                }

                if (TLength.Value > 1)
                {
                    p = Pair(ref r0, 4);
                    if (TLength.Value > 2) { s20 = Vector512Width<T>.MultiplyAdd(w0, p, s20); }
                    s10 = Vector512Width<T>.MultiplyAdd(w2, p, s10);
                }

                if (TLength.Value > 2)
                {
                    p = Pair(ref r0, 5);
                    s20 = Vector512Width<T>.MultiplyAdd(w1, p, s20);
                }

                if (TLength.Value > 2)
                {
                    p = Pair(ref r0, 6);
                    if (TLength.Value > 3) { s30 = Vector512Width<T>.MultiplyAdd(w0, p, s30); }
                    s20 = Vector512Width<T>.MultiplyAdd(w2, p, s20);
                }

                if (TLength.Value > 3)
                {
                    p = Pair(ref r0, 7);
                    s30 = Vector512Width<T>.MultiplyAdd(w1, p, s30);
                }

                if (TLength.Value > 3)
                {
                    p = Pair(ref r0, 8);
                    if (TLength.Value > 4) { s40 = Vector512Width<T>.MultiplyAdd(w0, p, s40); }
                    s30 = Vector512Width<T>.MultiplyAdd(w2, p, s30);
                }

                if (TLength.Value > 4)
                {
                    p = Pair(ref r0, 9);
                    s40 = Vector512Width<T>.MultiplyAdd(w1, p, s40);
                }

                if (TLength.Value > 4)
                {
                    p = Pair(ref r0, 10);
                    if (TLength.Value > 5) { s50 = Vector512Width<T>.MultiplyAdd(w0, p, s50); }
                    s40 = Vector512Width<T>.MultiplyAdd(w2, p, s40);
                }

                if (TLength.Value > 5)
                {
                    p = Pair(ref r0, 11);
                    s50 = Vector512Width<T>.MultiplyAdd(w1, p, s50);
                }

                if (TLength.Value > 5)
                {
                    p = Pair(ref r0, 12);
                    if (TLength.Value > 6) { s60 = Vector512Width<T>.MultiplyAdd(w0, p, s60); }
                    s50 = Vector512Width<T>.MultiplyAdd(w2, p, s50);
                }

                if (TLength.Value > 6)
                {
                    p = Pair(ref r0, 13);
                    s60 = Vector512Width<T>.MultiplyAdd(w1, p, s60);
                }

                if (TLength.Value > 6)
                {
                    p = Pair(ref r0, 14);
                    if (TLength.Value > 7) { s70 = Vector512Width<T>.MultiplyAdd(w0, p, s70); }
                    s60 = Vector512Width<T>.MultiplyAdd(w2, p, s60);
                }

                if (TLength.Value > 7)
                {
                    p = Pair(ref r0, 15);
                    s70 = Vector512Width<T>.MultiplyAdd(w1, p, s70);
                }

                if (TLength.Value > 7)
                {
                    p = Pair(ref r0, 16);
                    s70 = Vector512Width<T>.MultiplyAdd(w2, p, s70);
                }

                // Input row ky + 1: the windows' row 1
                p = Pair(ref r1, 0);
                s01 = Vector512Width<T>.MultiplyAdd(w0, p, s01);

                p = Pair(ref r1, 1);
                s01 = Vector512Width<T>.MultiplyAdd(w1, p, s01);

                p = Pair(ref r1, 2);
                if (TLength.Value > 1) { s11 = Vector512Width<T>.MultiplyAdd(w0, p, s11); }
                s01 = Vector512Width<T>.MultiplyAdd(w2, p, s01);

                if (TLength.Value > 1)
                {
                    p = Pair(ref r1, 3);
                    s11 = Vector512Width<T>.MultiplyAdd(w1, p, s11);
                }

                if (TLength.Value > 1)
                {
                    p = Pair(ref r1, 4);
                    if (TLength.Value > 2) { s21 = Vector512Width<T>.MultiplyAdd(w0, p, s21); }
                    s11 = Vector512Width<T>.MultiplyAdd(w2, p, s11);
                }

                if (TLength.Value > 2)
                {
                    p = Pair(ref r1, 5);
                    s21 = Vector512Width<T>.MultiplyAdd(w1, p, s21);
                }

                if (TLength.Value > 2)
                {
                    p = Pair(ref r1, 6);
                    if (TLength.Value > 3) { s31 = Vector512Width<T>.MultiplyAdd(w0, p, s31); }
                    s21 = Vector512Width<T>.MultiplyAdd(w2, p, s21);
                }

                if (TLength.Value > 3)
                {
                    p = Pair(ref r1, 7);
                    s31 = Vector512Width<T>.MultiplyAdd(w1, p, s31);
                }

                if (TLength.Value > 3)
                {
                    p = Pair(ref r1, 8);
                    if (TLength.Value > 4) { s41 = Vector512Width<T>.MultiplyAdd(w0, p, s41); }
                    s31 = Vector512Width<T>.MultiplyAdd(w2, p, s31);
                }

                if (TLength.Value > 4)
                {
                    p = Pair(ref r1, 9);
                    s41 = Vector512Width<T>.MultiplyAdd(w1, p, s41);
                }

                if (TLength.Value > 4)
                {
                    p = Pair(ref r1, 10);
                    if (TLength.Value > 5) { s51 = Vector512Width<T>.MultiplyAdd(w0, p, s51); }
                    s41 = Vector512Width<T>.MultiplyAdd(w2, p, s41);
                }

                if (TLength.Value > 5)
                {
                    p = Pair(ref r1, 11);
                    s51 = Vector512Width<T>.MultiplyAdd(w1, p, s51);
                }

                if (TLength.Value > 5)
                {
                    p = Pair(ref r1, 12);
                    if (TLength.Value > 6) { s61 = Vector512Width<T>.MultiplyAdd(w0, p, s61); }
                    s51 = Vector512Width<T>.MultiplyAdd(w2, p, s51);
                }

                if (TLength.Value > 6)
                {
                    p = Pair(ref r1, 13);
                    s61 = Vector512Width<T>.MultiplyAdd(w1, p, s61);
                }

                if (TLength.Value > 6)
                {
                    p = Pair(ref r1, 14);
                    if (TLength.Value > 7) { s71 = Vector512Width<T>.MultiplyAdd(w0, p, s71); }
                    s61 = Vector512Width<T>.MultiplyAdd(w2, p, s61);
                }

                if (TLength.Value > 7)
                {
                    p = Pair(ref r1, 15);
                    s71 = Vector512Width<T>.MultiplyAdd(w1, p, s71);
                }

                if (TLength.Value > 7)
                {
                    p = Pair(ref r1, 16);
                    s71 = Vector512Width<T>.MultiplyAdd(w2, p, s71);
                }
            }

            // Two windows to a vector of sixteen pooled values, a window left over alone.
            nuint half = lanes / 2;
            if (TLength.Value > 1)
            {
                StorePairedWindows<T, TActivation>(s00, s01, s10, s11, ref values, slope);
            }
            else
            {
                StorePairedWindow<T, TActivation>(s00, s01, ref values, slope);
            }

            if (TLength.Value > 3)
            {
                StorePairedWindows<T, TActivation>(s20, s21, s30, s31, ref Unsafe.Add(ref values, 2 * half), slope);
            }
            else if (TLength.Value > 2)
            {
                StorePairedWindow<T, TActivation>(s20, s21, ref Unsafe.Add(ref values, 2 * half), slope);
            }

            if (TLength.Value > 5)
            {
                StorePairedWindows<T, TActivation>(s40, s41, s50, s51, ref Unsafe.Add(ref values, 4 * half), slope);
            }
            else if (TLength.Value > 4)
            {
                StorePairedWindow<T, TActivation>(s40, s41, ref Unsafe.Add(ref values, 4 * half), slope);
            }

            if (TLength.Value > 7)
            {
                StorePairedWindows<T, TActivation>(s60, s61, s70, s71, ref Unsafe.Add(ref values, 6 * half), slope);
            }
            else if (TLength.Value > 6)
            {
                StorePairedWindow<T, TActivation>(s60, s61, ref Unsafe.Add(ref values, 6 * half), slope);
            }
        }
    }

    /// <summary>The float pair at <paramref name="row"/> + <paramref name="column"/> in every 64-bit lane: one broadcast load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Pair<T>(ref T row, nint column)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Vector512.Create(Unsafe.ReadUnaligned<double>(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref row, column)))).As<double, T>();

    /// <summary>
    /// A window of <see cref="FilterPairRun"/>: the larger of its two rows, then of each filter's two lanes (the even lanes
    /// against the odd ones, gathered into the low half), activated, the half-vector of filters stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePairedWindow<T, TActivation>(Vector512<T> top, Vector512<T> bottom, ref T target, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        Vector512<float> rows = Vector512Width<T>.Max(top, bottom).As<T, float>();
        Vector512<float> left = Avx512F.PermuteVar16x32(rows, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 0, 2, 4, 6, 8, 10, 12, 14));
        Vector512<float> right = Avx512F.PermuteVar16x32(rows, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 1, 3, 5, 7, 9, 11, 13, 15));
        Vector512<T> window = Vector512Width<T>.Apply<TActivation>(Vector512Width<T>.Max(left.As<float, T>(), right.As<float, T>()), slope);
        window.GetLower().StoreUnsafe(ref target);
    }

    /// <summary>
    /// Two neighbouring windows of <see cref="FilterPairRun"/> as one vector: the larger of each window's rows, the even lanes
    /// of both (each filter's left column) against their odd lanes (its right), activated and stored as sixteen values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePairedWindows<T, TActivation>(Vector512<T> firstTop, Vector512<T> firstBottom, Vector512<T> secondTop, Vector512<T> secondBottom, ref T target, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        Vector512<float> first = Vector512Width<T>.Max(firstTop, firstBottom).As<T, float>();
        Vector512<float> second = Vector512Width<T>.Max(secondTop, secondBottom).As<T, float>();
        Vector512<float> left = Avx512F.PermuteVar16x32x2(first, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), second);
        Vector512<float> right = Avx512F.PermuteVar16x32x2(first, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), second);
        Vector512Width<T>.Store(Vector512Width<T>.Apply<TActivation>(Vector512Width<T>.Max(left.As<float, T>(), right.As<float, T>()), slope), ref target, 0);
    }
}
