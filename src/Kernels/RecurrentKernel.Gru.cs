using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNN.Kernels;

/// <summary>The GRU cell: gates r, z, n.</summary>
public static partial class RecurrentKernel
{
    /// <summary>
    /// One GRU step. Scratch gets, as PyTorch forms them, the input part of all three gates, <c>b_ih + W_ih x</c>
    /// (<c>[3·H]</c>: it does not depend on <c>h_{t−1}</c>, so it runs ahead while the previous step finishes), and
    /// the hidden part, <c>b_hh + W_hh h_{t−1}</c> (<c>[3·H]</c>). Per unit, <c>r = σ(i_r + h_r)</c>,
    /// <c>z = σ(i_z + h_z)</c>, <c>n = tanh(i_n + r·h_n)</c> (one fused multiply-add: <c>b_hn</c> is inside the
    /// reset product) and <c>h_t = n + z·(h_{t−1} − n)</c>, PyTorch's form of <c>(1 − z)·n + z·h_{t−1}</c>.
    /// With <paramref name="save"/>, r, z, n and <c>h_n</c> go to <paramref name="saved"/> (<c>[4·H]</c>).
    /// <paramref name="hOut"/> may be <paramref name="hPrevious"/> (each unit reads its own <c>h_{t−1}</c> only,
    /// after every product has read them all).
    /// </summary>
    private static void GruStep<T>(in Parameters<T> p, ref T x, ref T hPrevious, ref T hOut, ref T saved, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int h = p.Hidden;
        int gh = 3 * h;
        ref T pre = ref p.Work;
        GateSums(gh, gh, ref p.BiasIh, ref p.BiasIh, false, ref p.WeightIh, ref x, p.Inputs, ref p.WeightIh, ref x, 0, ref pre);
        ref T hiddenPart = ref Unsafe.Add(ref pre, gh);
        GateSums(gh, gh, ref p.BiasHh, ref p.BiasHh, false, ref p.WeightHh, ref hPrevious, h, ref p.WeightHh, ref x, 0, ref hiddenPart);
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k + Vector<T>.Count <= h; k += Vector<T>.Count)
            {
                Vector<T> r = Sigmoid(Vector.LoadUnsafe(ref pre, (nuint)k) + Vector.LoadUnsafe(ref hiddenPart, (nuint)k));
                Vector<T> z = Sigmoid(Vector.LoadUnsafe(ref pre, (nuint)(h + k)) + Vector.LoadUnsafe(ref hiddenPart, (nuint)(h + k)));
                Vector<T> hn = Vector.LoadUnsafe(ref hiddenPart, (nuint)((2 * h) + k));
                Vector<T> n = Tanh(VectorMath.MultiplyAdd(r, hn, Vector.LoadUnsafe(ref pre, (nuint)((2 * h) + k))));
                Vector.StoreUnsafe(VectorMath.MultiplyAdd(z, Vector.LoadUnsafe(ref hPrevious, (nuint)k) - n, n), ref hOut, (nuint)k);
                if (save)
                {
                    Vector.StoreUnsafe(r, ref saved, (nuint)k);
                    Vector.StoreUnsafe(z, ref saved, (nuint)(h + k));
                    Vector.StoreUnsafe(n, ref saved, (nuint)((2 * h) + k));
                    Vector.StoreUnsafe(hn, ref saved, (nuint)((3 * h) + k));
                }
            }
        }

        for (; k < h; k++)
        {
            T r = Sigmoid(Unsafe.Add(ref pre, k) + Unsafe.Add(ref hiddenPart, k));
            T z = Sigmoid(Unsafe.Add(ref pre, h + k) + Unsafe.Add(ref hiddenPart, h + k));
            T hn = Unsafe.Add(ref hiddenPart, (2 * h) + k);
            T n = Tanh(T.FusedMultiplyAdd(r, hn, Unsafe.Add(ref pre, (2 * h) + k)));
            Unsafe.Add(ref hOut, k) = T.FusedMultiplyAdd(z, Unsafe.Add(ref hPrevious, k) - n, n);
            if (save)
            {
                Unsafe.Add(ref saved, k) = r;
                Unsafe.Add(ref saved, h + k) = z;
                Unsafe.Add(ref saved, (2 * h) + k) = n;
                Unsafe.Add(ref saved, (3 * h) + k) = hn;
            }
        }
    }

    /// <summary>
    /// One GRU step backward, from the step's saved r, z, n, <c>h_n</c> (<paramref name="saved"/>, <c>[4·H]</c>) and
    /// <c>h_{t−1}</c>: with <c>d = dL/dh_t</c> (<paramref name="dh"/> + <paramref name="carry"/>), n's pre-activation
    /// gradient is <c>a_n = d·(1 − z)·(1 − n²)</c>, z's <c>d·(h_{t−1} − n)·z(1 − z)</c>, r's <c>a_n·h_n·r(1 − r)</c>.
    /// <paramref name="inputGates"/> (<c>[3·H]</c>, for <c>W_ih</c>, <c>b_ih</c>) gets those three;
    /// <paramref name="hiddenGates"/> (for <c>W_hh</c>, <c>b_hh</c>) the same but <c>a_n·r</c> for n, through the
    /// reset product; <paramref name="direct"/> gets <c>d·z</c>, the part of <c>dL/dh_{t−1}</c> that skips the gates.
    /// </summary>
    private static void GruStepBackward<T>(
        int h, ReadOnlySpan<T> saved, ReadOnlySpan<T> hPrevious, ReadOnlySpan<T> dh, ReadOnlySpan<T> carry, Span<T> inputGates, Span<T> hiddenGates, Span<T> direct)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T s = ref MemoryMarshal.GetReference(saved);
        ref T hp = ref MemoryMarshal.GetReference(hPrevious);
        ref T up = ref MemoryMarshal.GetReference(dh);
        ref T carried = ref MemoryMarshal.GetReference(carry);
        ref T gi = ref MemoryMarshal.GetReference(inputGates);
        ref T gg = ref MemoryMarshal.GetReference(hiddenGates);
        ref T skip = ref MemoryMarshal.GetReference(direct);
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> one = Vector<T>.One;
            for (; k + Vector<T>.Count <= h; k += Vector<T>.Count)
            {
                Vector<T> r = Vector.LoadUnsafe(ref s, (nuint)k);
                Vector<T> z = Vector.LoadUnsafe(ref s, (nuint)(h + k));
                Vector<T> n = Vector.LoadUnsafe(ref s, (nuint)((2 * h) + k));
                Vector<T> hn = Vector.LoadUnsafe(ref s, (nuint)((3 * h) + k));
                Vector<T> d = Vector.LoadUnsafe(ref up, (nuint)k) + Vector.LoadUnsafe(ref carried, (nuint)k);
                Vector<T> an = d * (one - z) * (one - (n * n));
                Vector<T> ar = an * hn * r * (one - r);
                Vector<T> az = d * (Vector.LoadUnsafe(ref hp, (nuint)k) - n) * z * (one - z);
                Vector.StoreUnsafe(ar, ref gi, (nuint)k);
                Vector.StoreUnsafe(az, ref gi, (nuint)(h + k));
                Vector.StoreUnsafe(an, ref gi, (nuint)((2 * h) + k));
                Vector.StoreUnsafe(ar, ref gg, (nuint)k);
                Vector.StoreUnsafe(az, ref gg, (nuint)(h + k));
                Vector.StoreUnsafe(an * r, ref gg, (nuint)((2 * h) + k));
                Vector.StoreUnsafe(d * z, ref skip, (nuint)k);
            }
        }

        for (; k < h; k++)
        {
            T r = Unsafe.Add(ref s, k);
            T z = Unsafe.Add(ref s, h + k);
            T n = Unsafe.Add(ref s, (2 * h) + k);
            T hn = Unsafe.Add(ref s, (3 * h) + k);
            T d = Unsafe.Add(ref up, k) + Unsafe.Add(ref carried, k);
            T an = d * (T.One - z) * (T.One - (n * n));
            T ar = an * hn * r * (T.One - r);
            T az = d * (Unsafe.Add(ref hp, k) - n) * z * (T.One - z);
            Unsafe.Add(ref gi, k) = ar;
            Unsafe.Add(ref gi, h + k) = az;
            Unsafe.Add(ref gi, (2 * h) + k) = an;
            Unsafe.Add(ref gg, k) = ar;
            Unsafe.Add(ref gg, h + k) = az;
            Unsafe.Add(ref gg, (2 * h) + k) = an * r;
            Unsafe.Add(ref skip, k) = d * z;
        }
    }
}
