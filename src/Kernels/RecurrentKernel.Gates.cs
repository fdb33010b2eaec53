using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNN.Kernels;

/// <summary>The pre-activation products shared by every cell.</summary>
public static partial class RecurrentKernel
{
    /// <summary>
    /// <c>z[c] = bias1[c] (+ bias2[c]) + Σ_i x1_i·w1[i, c] + Σ_j x2_j·w2[j, c]</c> for the <paramref name="columns"/>
    /// columns starting at each reference, the weight rows <paramref name="stride"/> values apart (G·H); the second
    /// source may have <paramref name="count2"/> = 0. Columns go in blocks of 8, 4, 2 and 1 vectors, whose
    /// accumulators stay in registers while the loop over inputs streams each weight once (the narrow blocks split
    /// the inputs over two accumulators per vector so that the multiply-adds do not wait on each other). A ragged
    /// end is one more vector ending at the last column, overlapping the previous block (rewriting some columns with
    /// the same sum in another rounding order: deterministic all the same); only fewer columns than one vector go
    /// one by one. Every column's operation order depends on nothing but the sizes, so equal calls give equal bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GateSums<T>(
        int columns, int stride, ref T bias1, ref T bias2, bool twoBiases, ref T w1, ref T x1, int count1, ref T w2, ref T x2, int count2, ref T z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        int c = 0;
        if (Vector.IsHardwareAccelerated && columns >= lanes)
        {
            for (; c + (8 * lanes) <= columns; c += 8 * lanes)
            {
                GateBlockOfEight(c, stride, ref bias1, ref bias2, twoBiases, ref w1, ref x1, count1, ref w2, ref x2, count2, ref z);
            }

            if (c + (4 * lanes) <= columns)
            {
                GateBlockOfFour(c, stride, ref bias1, ref bias2, twoBiases, ref w1, ref x1, count1, ref w2, ref x2, count2, ref z);
                c += 4 * lanes;
            }

            if (c + (2 * lanes) <= columns)
            {
                GateBlockOfTwo(c, stride, ref bias1, ref bias2, twoBiases, ref w1, ref x1, count1, ref w2, ref x2, count2, ref z);
                c += 2 * lanes;
            }

            if (c + lanes <= columns)
            {
                GateBlockOfOne(c, stride, ref bias1, ref bias2, twoBiases, ref w1, ref x1, count1, ref w2, ref x2, count2, ref z);
                c += lanes;
            }

            if (c < columns)
            {
                GateBlockOfOne(columns - lanes, stride, ref bias1, ref bias2, twoBiases, ref w1, ref x1, count1, ref w2, ref x2, count2, ref z);
                c = columns;
            }
        }

        for (; c < columns; c++)
        {
            T sum = twoBiases ? Unsafe.Add(ref bias1, c) + Unsafe.Add(ref bias2, c) : Unsafe.Add(ref bias1, c);
            ref T weight = ref Unsafe.Add(ref w1, c);
            for (int i = 0; i < count1; i++)
            {
                sum = T.MultiplyAddEstimate(weight, Unsafe.Add(ref x1, i), sum);
                weight = ref Unsafe.Add(ref weight, stride);
            }

            weight = ref Unsafe.Add(ref w2, c);
            for (int j = 0; j < count2; j++)
            {
                sum = T.MultiplyAddEstimate(weight, Unsafe.Add(ref x2, j), sum);
                weight = ref Unsafe.Add(ref weight, stride);
            }

            Unsafe.Add(ref z, c) = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> BiasVector<T>(ref T bias1, ref T bias2, bool twoBiases, int at)
        where T : unmanaged, IFloatingPointIeee754<T>
        => twoBiases
            ? Vector.LoadUnsafe(ref bias1, (nuint)at) + Vector.LoadUnsafe(ref bias2, (nuint)at)
            : Vector.LoadUnsafe(ref bias1, (nuint)at);

    [MethodImpl(MethodImplOptions.NoInlining)] // its own frame: its many live accumulators would crowd the caller's registers
    private static void GateBlockOfEight<T>(
        int c, int stride, ref T bias1, ref T bias2, bool twoBiases, ref T w1, ref T x1, int count1, ref T w2, ref T x2, int count2, ref T z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Eight vectors. With AVX-512's 32 vector registers, two chains each (even and odd inputs of each source):
        // sixteen independent multiply-adds in flight keep both FMA pipes busy, where eight single chains would wait
        // out the latency (a quarter slower, measured). With 16 registers, one chain each, which still fits.
        int lanes = Vector<T>.Count;
        Vector<T> a0 = BiasVector(ref bias1, ref bias2, twoBiases, c);
        Vector<T> a1 = BiasVector(ref bias1, ref bias2, twoBiases, c + lanes);
        Vector<T> a2 = BiasVector(ref bias1, ref bias2, twoBiases, c + (2 * lanes));
        Vector<T> a3 = BiasVector(ref bias1, ref bias2, twoBiases, c + (3 * lanes));
        Vector<T> a4 = BiasVector(ref bias1, ref bias2, twoBiases, c + (4 * lanes));
        Vector<T> a5 = BiasVector(ref bias1, ref bias2, twoBiases, c + (5 * lanes));
        Vector<T> a6 = BiasVector(ref bias1, ref bias2, twoBiases, c + (6 * lanes));
        Vector<T> a7 = BiasVector(ref bias1, ref bias2, twoBiases, c + (7 * lanes));
        Vector<T> b0 = Vector<T>.Zero, b1 = Vector<T>.Zero, b2 = Vector<T>.Zero, b3 = Vector<T>.Zero;
        Vector<T> b4 = Vector<T>.Zero, b5 = Vector<T>.Zero, b6 = Vector<T>.Zero, b7 = Vector<T>.Zero;
        for (int source = 0; source < 2; source++)
        {
            ref T row = ref Unsafe.Add(ref source == 0 ? ref w1 : ref w2, c);
            ref T x = ref source == 0 ? ref x1 : ref x2;
            int count = source == 0 ? count1 : count2;
            int i = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i + 1 < count; i += 2)
                {
                    var xi = new Vector<T>(Unsafe.Add(ref x, i));
                    var xj = new Vector<T>(Unsafe.Add(ref x, i + 1));
                    ref T next = ref Unsafe.Add(ref row, stride);
                    a0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), xi, a0);
                    a1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), xi, a1);
                    a2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * lanes)), xi, a2);
                    a3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * lanes)), xi, a3);
                    a4 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(4 * lanes)), xi, a4);
                    a5 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(5 * lanes)), xi, a5);
                    a6 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(6 * lanes)), xi, a6);
                    a7 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(7 * lanes)), xi, a7);
                    b0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next), xj, b0);
                    b1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)lanes), xj, b1);
                    b2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(2 * lanes)), xj, b2);
                    b3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(3 * lanes)), xj, b3);
                    b4 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(4 * lanes)), xj, b4);
                    b5 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(5 * lanes)), xj, b5);
                    b6 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(6 * lanes)), xj, b6);
                    b7 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(7 * lanes)), xj, b7);
                    row = ref Unsafe.Add(ref next, stride);
                }
            }

            for (; i < count; i++)
            {
                var xi = new Vector<T>(Unsafe.Add(ref x, i));
                a0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), xi, a0);
                a1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), xi, a1);
                a2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * lanes)), xi, a2);
                a3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * lanes)), xi, a3);
                a4 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(4 * lanes)), xi, a4);
                a5 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(5 * lanes)), xi, a5);
                a6 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(6 * lanes)), xi, a6);
                a7 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(7 * lanes)), xi, a7);
                row = ref Unsafe.Add(ref row, stride);
            }
        }

        ref T output = ref Unsafe.Add(ref z, c);
        Vector.StoreUnsafe(a0 + b0, ref output);
        Vector.StoreUnsafe(a1 + b1, ref output, (nuint)lanes);
        Vector.StoreUnsafe(a2 + b2, ref output, (nuint)(2 * lanes));
        Vector.StoreUnsafe(a3 + b3, ref output, (nuint)(3 * lanes));
        Vector.StoreUnsafe(a4 + b4, ref output, (nuint)(4 * lanes));
        Vector.StoreUnsafe(a5 + b5, ref output, (nuint)(5 * lanes));
        Vector.StoreUnsafe(a6 + b6, ref output, (nuint)(6 * lanes));
        Vector.StoreUnsafe(a7 + b7, ref output, (nuint)(7 * lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GateBlockOfFour<T>(
        int c, int stride, ref T bias1, ref T bias2, bool twoBiases, ref T w1, ref T x1, int count1, ref T w2, ref T x2, int count2, ref T z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Four vectors, each over two chains (even and odd inputs of each source), summed at the end.
        int lanes = Vector<T>.Count;
        Vector<T> a0 = BiasVector(ref bias1, ref bias2, twoBiases, c);
        Vector<T> a1 = BiasVector(ref bias1, ref bias2, twoBiases, c + lanes);
        Vector<T> a2 = BiasVector(ref bias1, ref bias2, twoBiases, c + (2 * lanes));
        Vector<T> a3 = BiasVector(ref bias1, ref bias2, twoBiases, c + (3 * lanes));
        Vector<T> b0 = Vector<T>.Zero, b1 = Vector<T>.Zero, b2 = Vector<T>.Zero, b3 = Vector<T>.Zero;
        for (int source = 0; source < 2; source++)
        {
            ref T row = ref Unsafe.Add(ref source == 0 ? ref w1 : ref w2, c);
            ref T x = ref source == 0 ? ref x1 : ref x2;
            int count = source == 0 ? count1 : count2;
            int i = 0;
            for (; i + 1 < count; i += 2)
            {
                var xi = new Vector<T>(Unsafe.Add(ref x, i));
                var xj = new Vector<T>(Unsafe.Add(ref x, i + 1));
                ref T next = ref Unsafe.Add(ref row, stride);
                a0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), xi, a0);
                a1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), xi, a1);
                a2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * lanes)), xi, a2);
                a3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * lanes)), xi, a3);
                b0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next), xj, b0);
                b1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)lanes), xj, b1);
                b2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(2 * lanes)), xj, b2);
                b3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(3 * lanes)), xj, b3);
                row = ref Unsafe.Add(ref next, stride);
            }

            if (i < count)
            {
                var xi = new Vector<T>(Unsafe.Add(ref x, i));
                a0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), xi, a0);
                a1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), xi, a1);
                a2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * lanes)), xi, a2);
                a3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * lanes)), xi, a3);
            }
        }

        ref T output = ref Unsafe.Add(ref z, c);
        Vector.StoreUnsafe(a0 + b0, ref output);
        Vector.StoreUnsafe(a1 + b1, ref output, (nuint)lanes);
        Vector.StoreUnsafe(a2 + b2, ref output, (nuint)(2 * lanes));
        Vector.StoreUnsafe(a3 + b3, ref output, (nuint)(3 * lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GateBlockOfTwo<T>(
        int c, int stride, ref T bias1, ref T bias2, bool twoBiases, ref T w1, ref T x1, int count1, ref T w2, ref T x2, int count2, ref T z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        Vector<T> a0 = BiasVector(ref bias1, ref bias2, twoBiases, c);
        Vector<T> a1 = BiasVector(ref bias1, ref bias2, twoBiases, c + lanes);
        Vector<T> b0 = Vector<T>.Zero, b1 = Vector<T>.Zero;
        for (int source = 0; source < 2; source++)
        {
            ref T row = ref Unsafe.Add(ref source == 0 ? ref w1 : ref w2, c);
            ref T x = ref source == 0 ? ref x1 : ref x2;
            int count = source == 0 ? count1 : count2;
            int i = 0;
            for (; i + 1 < count; i += 2)
            {
                var xi = new Vector<T>(Unsafe.Add(ref x, i));
                var xj = new Vector<T>(Unsafe.Add(ref x, i + 1));
                ref T next = ref Unsafe.Add(ref row, stride);
                a0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), xi, a0);
                a1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), xi, a1);
                b0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next), xj, b0);
                b1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)lanes), xj, b1);
                row = ref Unsafe.Add(ref next, stride);
            }

            if (i < count)
            {
                var xi = new Vector<T>(Unsafe.Add(ref x, i));
                a0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), xi, a0);
                a1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), xi, a1);
            }
        }

        ref T output = ref Unsafe.Add(ref z, c);
        Vector.StoreUnsafe(a0 + b0, ref output);
        Vector.StoreUnsafe(a1 + b1, ref output, (nuint)lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GateBlockOfOne<T>(
        int c, int stride, ref T bias1, ref T bias2, bool twoBiases, ref T w1, ref T x1, int count1, ref T w2, ref T x2, int count2, ref T z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> a = BiasVector(ref bias1, ref bias2, twoBiases, c);
        Vector<T> b = Vector<T>.Zero;
        for (int source = 0; source < 2; source++)
        {
            ref T row = ref Unsafe.Add(ref source == 0 ? ref w1 : ref w2, c);
            ref T x = ref source == 0 ? ref x1 : ref x2;
            int count = source == 0 ? count1 : count2;
            int i = 0;
            for (; i + 1 < count; i += 2)
            {
                ref T next = ref Unsafe.Add(ref row, stride);
                a = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), new Vector<T>(Unsafe.Add(ref x, i)), a);
                b = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next), new Vector<T>(Unsafe.Add(ref x, i + 1)), b);
                row = ref Unsafe.Add(ref next, stride);
            }

            if (i < count)
            {
                a = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), new Vector<T>(Unsafe.Add(ref x, i)), a);
            }
        }

        Vector.StoreUnsafe(a + b, ref z, (nuint)c);
    }
}
