using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNN.Kernels;

/// <summary>
/// <see cref="ConvolutionKernel.ForwardMaxPooled"/>'s runs for whole vectors of filters: each sum is one vector of
/// filters at one position of a window, four sums a window, up to six windows (24 of AVX-512's 32 registers).
/// </summary>
public static partial class ConvolutionKernel
{
    /// <summary>Filters in every lane: <see cref="FilterVectorRun"/>.</summary>
    private readonly struct FilterVectorRuns<T> : IPooledRuns<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static int LongestRun => 6;

        public static int WindowValues => Vector512<T>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Run<TActivation, TLength>(
            int rows, ref T windows, nint inputWidth, ReadOnlySpan<int> kernelRows, ref T weights, Vector512<T> bias, ref T values, nint valuesPitch, T slope)
            where TActivation : IActivationFunction<T>
            where TLength : IRunLength
            => FilterVectorRun<T, TActivation, TLength>(rows, ref windows, inputWidth, kernelRows, ref weights, bias, ref values, valuesPitch, slope);
    }

    /// <summary>
    /// <typeparamref name="TLength"/> neighbouring pooled values of one row (at most six), for one vector of filters:
    /// sum <c>s{j}{dy}{dx}</c> is the convolution at window <c>j</c>'s position <c>(dy, dx)</c>. Per kernel row, the
    /// two input rows the windows read are walked once, each value broadcast and multiplied into every sum it belongs
    /// to (up to three: one per kernel column), in increasing kernel column as <see cref="Forward"/> adds them. The
    /// unused sums of a shorter run are compiled away: <typeparamref name="TLength"/> is a constant of each instantiation.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a root of its own: up to twenty-four sums in registers
    private static void FilterVectorRun<T, TActivation, TLength>(
        int rows, ref T windows, nint inputWidth, ReadOnlySpan<int> kernelRows, ref T weights, Vector512<T> bias, ref T values, nint valuesPitch, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        where TLength : IRunLength
    {
        Debug.Assert(TLength.Value <= 6, "a run longer than this kernel has sums for");
        nuint lanes = (nuint)Vector512<T>.Count;
        for (int py = 0; py < rows; py++, windows = ref Unsafe.Add(ref windows, 2 * inputWidth), values = ref Unsafe.Add(ref values, valuesPitch))
        {
            Vector512<T> s000 = bias, s001 = bias, s010 = bias, s011 = bias;
            Vector512<T> s100 = bias, s101 = bias, s110 = bias, s111 = bias;
            Vector512<T> s200 = bias, s201 = bias, s210 = bias, s211 = bias;
            Vector512<T> s300 = bias, s301 = bias, s310 = bias, s311 = bias;
            Vector512<T> s400 = bias, s401 = bias, s410 = bias, s411 = bias;
            Vector512<T> s500 = bias, s501 = bias, s510 = bias, s511 = bias;
            ref int rowStart = ref MemoryMarshal.GetReference(kernelRows);
            ref T w = ref weights;
            for (int row = 0; row < kernelRows.Length; row++, w = ref Unsafe.Add(ref w, 3 * lanes))
            {
                Vector512<T> w0 = Vector512Width<T>.Load(ref w, 0);
                Vector512<T> w1 = Vector512Width<T>.Load(ref w, lanes);
                Vector512<T> w2 = Vector512Width<T>.Load(ref w, 2 * lanes);
                ref T r0 = ref Unsafe.Add(ref windows, Unsafe.Add(ref rowStart, row));
                ref T r1 = ref Unsafe.Add(ref r0, inputWidth);
                Vector512<T> b;
                // Input row ky + 0: the windows' row 0
                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 0));
                s000 = Vector512Width<T>.MultiplyAdd(w0, b, s000);

                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 1));
                s001 = Vector512Width<T>.MultiplyAdd(w0, b, s001);
                s000 = Vector512Width<T>.MultiplyAdd(w1, b, s000);

                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 2));
                if (TLength.Value > 1) { s100 = Vector512Width<T>.MultiplyAdd(w0, b, s100); }
                s001 = Vector512Width<T>.MultiplyAdd(w1, b, s001);
                s000 = Vector512Width<T>.MultiplyAdd(w2, b, s000);

                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 3));
                if (TLength.Value > 1) { s101 = Vector512Width<T>.MultiplyAdd(w0, b, s101); }
                if (TLength.Value > 1) { s100 = Vector512Width<T>.MultiplyAdd(w1, b, s100); }
                s001 = Vector512Width<T>.MultiplyAdd(w2, b, s001);

                if (TLength.Value > 1)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 4));
                    if (TLength.Value > 2) { s200 = Vector512Width<T>.MultiplyAdd(w0, b, s200); }
                    s101 = Vector512Width<T>.MultiplyAdd(w1, b, s101);
                    s100 = Vector512Width<T>.MultiplyAdd(w2, b, s100);
                }

                if (TLength.Value > 1)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 5));
                    if (TLength.Value > 2) { s201 = Vector512Width<T>.MultiplyAdd(w0, b, s201); }
                    if (TLength.Value > 2) { s200 = Vector512Width<T>.MultiplyAdd(w1, b, s200); }
                    s101 = Vector512Width<T>.MultiplyAdd(w2, b, s101);
                }

                if (TLength.Value > 2)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 6));
                    if (TLength.Value > 3) { s300 = Vector512Width<T>.MultiplyAdd(w0, b, s300); }
                    s201 = Vector512Width<T>.MultiplyAdd(w1, b, s201);
                    s200 = Vector512Width<T>.MultiplyAdd(w2, b, s200);
                }

                if (TLength.Value > 2)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 7));
                    if (TLength.Value > 3) { s301 = Vector512Width<T>.MultiplyAdd(w0, b, s301); }
                    if (TLength.Value > 3) { s300 = Vector512Width<T>.MultiplyAdd(w1, b, s300); }
                    s201 = Vector512Width<T>.MultiplyAdd(w2, b, s201);
                }

                if (TLength.Value > 3)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 8));
                    if (TLength.Value > 4) { s400 = Vector512Width<T>.MultiplyAdd(w0, b, s400); }
                    s301 = Vector512Width<T>.MultiplyAdd(w1, b, s301);
                    s300 = Vector512Width<T>.MultiplyAdd(w2, b, s300);
                }

                if (TLength.Value > 3)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 9));
                    if (TLength.Value > 4) { s401 = Vector512Width<T>.MultiplyAdd(w0, b, s401); }
                    if (TLength.Value > 4) { s400 = Vector512Width<T>.MultiplyAdd(w1, b, s400); }
                    s301 = Vector512Width<T>.MultiplyAdd(w2, b, s301);
                }

                if (TLength.Value > 4)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 10));
                    if (TLength.Value > 5) { s500 = Vector512Width<T>.MultiplyAdd(w0, b, s500); }
                    s401 = Vector512Width<T>.MultiplyAdd(w1, b, s401);
                    s400 = Vector512Width<T>.MultiplyAdd(w2, b, s400);
                }

                if (TLength.Value > 4)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 11));
                    if (TLength.Value > 5) { s501 = Vector512Width<T>.MultiplyAdd(w0, b, s501); }
                    if (TLength.Value > 5) { s500 = Vector512Width<T>.MultiplyAdd(w1, b, s500); }
                    s401 = Vector512Width<T>.MultiplyAdd(w2, b, s401);
                }

                if (TLength.Value > 5)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 12));
                    s501 = Vector512Width<T>.MultiplyAdd(w1, b, s501);
                    s500 = Vector512Width<T>.MultiplyAdd(w2, b, s500);
                }

                if (TLength.Value > 5)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 13));
                    s501 = Vector512Width<T>.MultiplyAdd(w2, b, s501);
                }

                // Input row ky + 1: the windows' row 1
                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 0));
                s010 = Vector512Width<T>.MultiplyAdd(w0, b, s010);

                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 1));
                s011 = Vector512Width<T>.MultiplyAdd(w0, b, s011);
                s010 = Vector512Width<T>.MultiplyAdd(w1, b, s010);

                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 2));
                if (TLength.Value > 1) { s110 = Vector512Width<T>.MultiplyAdd(w0, b, s110); }
                s011 = Vector512Width<T>.MultiplyAdd(w1, b, s011);
                s010 = Vector512Width<T>.MultiplyAdd(w2, b, s010);

                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 3));
                if (TLength.Value > 1) { s111 = Vector512Width<T>.MultiplyAdd(w0, b, s111); }
                if (TLength.Value > 1) { s110 = Vector512Width<T>.MultiplyAdd(w1, b, s110); }
                s011 = Vector512Width<T>.MultiplyAdd(w2, b, s011);

                if (TLength.Value > 1)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 4));
                    if (TLength.Value > 2) { s210 = Vector512Width<T>.MultiplyAdd(w0, b, s210); }
                    s111 = Vector512Width<T>.MultiplyAdd(w1, b, s111);
                    s110 = Vector512Width<T>.MultiplyAdd(w2, b, s110);
                }

                if (TLength.Value > 1)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 5));
                    if (TLength.Value > 2) { s211 = Vector512Width<T>.MultiplyAdd(w0, b, s211); }
                    if (TLength.Value > 2) { s210 = Vector512Width<T>.MultiplyAdd(w1, b, s210); }
                    s111 = Vector512Width<T>.MultiplyAdd(w2, b, s111);
                }

                if (TLength.Value > 2)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 6));
                    if (TLength.Value > 3) { s310 = Vector512Width<T>.MultiplyAdd(w0, b, s310); }
                    s211 = Vector512Width<T>.MultiplyAdd(w1, b, s211);
                    s210 = Vector512Width<T>.MultiplyAdd(w2, b, s210);
                }

                if (TLength.Value > 2)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 7));
                    if (TLength.Value > 3) { s311 = Vector512Width<T>.MultiplyAdd(w0, b, s311); }
                    if (TLength.Value > 3) { s310 = Vector512Width<T>.MultiplyAdd(w1, b, s310); }
                    s211 = Vector512Width<T>.MultiplyAdd(w2, b, s211);
                }

                if (TLength.Value > 3)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 8));
                    if (TLength.Value > 4) { s410 = Vector512Width<T>.MultiplyAdd(w0, b, s410); }
                    s311 = Vector512Width<T>.MultiplyAdd(w1, b, s311);
                    s310 = Vector512Width<T>.MultiplyAdd(w2, b, s310);
                }

                if (TLength.Value > 3)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 9));
                    if (TLength.Value > 4) { s411 = Vector512Width<T>.MultiplyAdd(w0, b, s411); }
                    if (TLength.Value > 4) { s410 = Vector512Width<T>.MultiplyAdd(w1, b, s410); }
                    s311 = Vector512Width<T>.MultiplyAdd(w2, b, s311);
                }

                if (TLength.Value > 4)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 10));
                    if (TLength.Value > 5) { s510 = Vector512Width<T>.MultiplyAdd(w0, b, s510); }
                    s411 = Vector512Width<T>.MultiplyAdd(w1, b, s411);
                    s410 = Vector512Width<T>.MultiplyAdd(w2, b, s410);
                }

                if (TLength.Value > 4)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 11));
                    if (TLength.Value > 5) { s511 = Vector512Width<T>.MultiplyAdd(w0, b, s511); }
                    if (TLength.Value > 5) { s510 = Vector512Width<T>.MultiplyAdd(w1, b, s510); }
                    s411 = Vector512Width<T>.MultiplyAdd(w2, b, s411);
                }

                if (TLength.Value > 5)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 12));
                    s511 = Vector512Width<T>.MultiplyAdd(w1, b, s511);
                    s510 = Vector512Width<T>.MultiplyAdd(w2, b, s510);
                }

                if (TLength.Value > 5)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 13));
                    s511 = Vector512Width<T>.MultiplyAdd(w2, b, s511);
                }
            }

            StoreWindow<T, TActivation>(s000, s001, s010, s011, ref values, slope);
            if (TLength.Value > 1)
            {
                StoreWindow<T, TActivation>(s100, s101, s110, s111, ref Unsafe.Add(ref values, lanes), slope);
            }

            if (TLength.Value > 2)
            {
                StoreWindow<T, TActivation>(s200, s201, s210, s211, ref Unsafe.Add(ref values, 2 * lanes), slope);
            }

            if (TLength.Value > 3)
            {
                StoreWindow<T, TActivation>(s300, s301, s310, s311, ref Unsafe.Add(ref values, 3 * lanes), slope);
            }

            if (TLength.Value > 4)
            {
                StoreWindow<T, TActivation>(s400, s401, s410, s411, ref Unsafe.Add(ref values, 4 * lanes), slope);
            }

            if (TLength.Value > 5)
            {
                StoreWindow<T, TActivation>(s500, s501, s510, s511, ref Unsafe.Add(ref values, 5 * lanes), slope);
            }
        }
    }

    /// <summary>A window's pooled value: the activation of the largest of its four sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreWindow<T, TActivation>(Vector512<T> s00, Vector512<T> s01, Vector512<T> s10, Vector512<T> s11, ref T target, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        => Vector512Width<T>.Store(
            Vector512Width<T>.Apply<TActivation>(Vector512Width<T>.Max(Vector512Width<T>.Max(s00, s01), Vector512Width<T>.Max(s10, s11)), slope), ref target, 0);
}
