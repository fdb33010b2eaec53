using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using static GenNN.Kernels.VectorExponentials;

namespace GenNN.Kernels;

/// <summary>The GRU cell: gates r, z, n.</summary>
public static partial class RecurrentKernel
{
    /// <summary>
    /// One GRU step. Scratch gets, as PyTorch forms them, the input part of all three gates, <c>b_ih + W_ih x</c>
    /// (<c>[3·H]</c>: it does not depend on <c>h_{t−1}</c>, so it runs ahead while the previous step finishes), and
    /// the hidden part, <c>b_hh + W_hh h_{t−1}</c> (<c>[3·H]</c>). Per unit, <c>r = σ(i_r + h_r)</c>,
    /// <c>z = σ(i_z + h_z)</c>, <c>n = tanh(i_n + r·h_n)</c> (one multiply-add, fused where the processor has FMA: <c>b_hn</c> is inside the
    /// reset product) and <c>h_t = n + z·(h_{t−1} − n)</c>, PyTorch's form of <c>(1 − z)·n + z·h_{t−1}</c>.
    /// With <paramref name="save"/>, r, z, n and <c>h_n</c> go to <paramref name="saved"/> (<c>[4·H]</c>).
    /// <paramref name="hOut"/> may be <paramref name="hPrevious"/> (each unit reads its own <c>h_{t−1}</c> only,
    /// after every product has read them all). When <c>H</c> is one full-width 512-bit vector, <see cref="GruOneVector"/>
    /// instead; when it is two vectors, <see cref="GruBlockOfSix"/>.
    /// </summary>
    private static void GruStep<T>(in Parameters<T> p, ref T x, ref T hPrevious, ref T hOut, ref T saved, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int h = p.Hidden;
        if (VectorWidth.UsesFullWidthVector512<T>() && h == Vector512<T>.Count)
        {
            GruOneVector<T, Vector512<T>, Vector512Width<T>>(p.Inputs, ref p.WeightIh, ref p.WeightHh, ref p.BiasIh, ref p.BiasHh, ref x, ref hPrevious, ref hOut, ref saved, save);
            return;
        }

        if (Vector.IsHardwareAccelerated && h == 2 * Vector<T>.Count)
        {
            GruBlockOfSix(h, p.Inputs, ref p.WeightIh, ref p.WeightHh, ref p.BiasIh, ref p.BiasHh, ref x, ref hPrevious, ref hOut, ref saved, save);
            return;
        }

        int gh = 3 * h;
        ref T pre = ref p.Work;
        GateSums(gh, gh, ref p.BiasIh, ref p.BiasIh, false, ref p.WeightIh, ref x, p.Inputs, ref p.WeightIh, ref x, 0, ref pre);
        ref T hiddenPart = ref Unsafe.Add(ref pre, gh);
        GateSums(gh, gh, ref p.BiasHh, ref p.BiasHh, false, ref p.WeightHh, ref hPrevious, h, ref p.WeightHh, ref x, 0, ref hiddenPart);
        GruActivations(h, ref pre, ref hiddenPart, ref hPrevious, ref hOut, ref saved, save);
    }

    /// <summary>
    /// The units of one GRU step from the input part <paramref name="pre"/> and the hidden part
    /// <paramref name="hiddenPart"/> of the <c>3·H</c> gate sums (r|z|n each), in whole vectors (512-bit ones where
    /// the processor has them, see <see cref="GateUnits"/>; each through <see cref="GruUnits"/>), then the units after
    /// the last whole vector.
    /// </summary>
    private static void GruActivations<T>(int h, ref T pre, ref T hiddenPart, ref T hPrevious, ref T hOut, ref T saved, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        if (VectorWidth.UsesVector512<T>())
        {
            k = GruActivationVectors<T, Vector512<T>, Vector512Width<T>>(h, 0, ref pre, ref hiddenPart, ref hPrevious, ref hOut, ref saved, save);
        }

        if (Vector.IsHardwareAccelerated)
        {
            k = GruActivationVectors<T, Vector<T>, VectorTWidth<T>>(h, k, ref pre, ref hiddenPart, ref hPrevious, ref hOut, ref saved, save);
        }

        for (; k < h; k++)
        {
            T r = Sigmoid(Unsafe.Add(ref pre, k) + Unsafe.Add(ref hiddenPart, k));
            T z = Sigmoid(Unsafe.Add(ref pre, h + k) + Unsafe.Add(ref hiddenPart, h + k));
            T hn = Unsafe.Add(ref hiddenPart, (2 * h) + k);
            T n = Tanh(T.MultiplyAddEstimate(r, hn, Unsafe.Add(ref pre, (2 * h) + k)));
            Unsafe.Add(ref hOut, k) = T.MultiplyAddEstimate(z, Unsafe.Add(ref hPrevious, k) - n, n);
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
    /// <see cref="GruActivations"/>' whole vectors at one width from unit <paramref name="first"/> on; returns the
    /// first unit they leave.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GruActivationVectors<T, TVector, TWidth>(int h, int first, ref T pre, ref T hiddenPart, ref T hPrevious, ref T hOut, ref T saved, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        int k = first;
        for (; k + TWidth.Count <= h; k += TWidth.Count)
        {
            GruUnits<T, TVector, TWidth>(
                TWidth.Add(TWidth.Load(ref pre, (nuint)k), TWidth.Load(ref hiddenPart, (nuint)k)),
                TWidth.Add(TWidth.Load(ref pre, (nuint)(h + k)), TWidth.Load(ref hiddenPart, (nuint)(h + k))),
                TWidth.Load(ref pre, (nuint)((2 * h) + k)),
                TWidth.Load(ref hiddenPart, (nuint)((2 * h) + k)),
                k,
                h,
                ref hPrevious,
                ref hOut,
                ref saved,
                save);
        }

        return k;
    }

    /// <summary>
    /// The units <c>[k, k + TWidth.Count)</c> from r's and z's pre-activations and n's input and hidden parts:
    /// <c>n = tanh(i_n + r·h_n)</c>, <c>h_t = n + z·(h_{t−1} − n)</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GruUnits<T, TVector, TWidth>(
        TVector zr, TVector zz, TVector inputN, TVector hiddenN, int k, int h, ref T hPrevious, ref T hOut, ref T saved, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        TVector r = Sigmoid<T, TVector, TWidth>(zr);
        TVector z = Sigmoid<T, TVector, TWidth>(zz);
        TVector n = Tanh<T, TVector, TWidth>(TWidth.MultiplyAdd(r, hiddenN, inputN));
        TWidth.Store(TWidth.MultiplyAdd(z, TWidth.Subtract(TWidth.Load(ref hPrevious, (nuint)k), n), n), ref hOut, (nuint)k);
        if (save)
        {
            TWidth.Store(r, ref saved, (nuint)k);
            TWidth.Store(z, ref saved, (nuint)(h + k));
            TWidth.Store(n, ref saved, (nuint)((2 * h) + k));
            TWidth.Store(hiddenN, ref saved, (nuint)((3 * h) + k));
        }
    }

    /// <summary>
    /// The whole GRU step when <c>H</c> is two vectors (16 floats or 8 doubles with AVX2/AVX-512 vectors): r's and
    /// z's sums (both biases, both products: four vectors, two chains each over h), n's input part (two vectors) and
    /// n's hidden part (two vectors, two chains each) stay in registers, fourteen in all, which AVX-512's 32 hold (with
    /// 16 registers, one chain each: eight), and go straight into <see cref="GruUnits"/>: no round trip through scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void GruBlockOfSix<T>(
        int h, int inputs, ref T weightIh, ref T weightHh, ref T biasIh, ref T biasHh, ref T x, ref T hPrevious, ref T hOut, ref T saved, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        int stride = 6 * lanes;
        Vector<T> r0 = BiasVector(ref biasIh, ref biasHh, true, 0);
        Vector<T> r1 = BiasVector(ref biasIh, ref biasHh, true, lanes);
        Vector<T> z0 = BiasVector(ref biasIh, ref biasHh, true, 2 * lanes);
        Vector<T> z1 = BiasVector(ref biasIh, ref biasHh, true, 3 * lanes);
        Vector<T> in0 = Vector.LoadUnsafe(ref biasIh, (nuint)(4 * lanes));
        Vector<T> in1 = Vector.LoadUnsafe(ref biasIh, (nuint)(5 * lanes));
        Vector<T> hn0 = Vector.LoadUnsafe(ref biasHh, (nuint)(4 * lanes));
        Vector<T> hn1 = Vector.LoadUnsafe(ref biasHh, (nuint)(5 * lanes));
        ref T row = ref weightIh;
        for (int i = 0; i < inputs; i++)
        {
            var xi = new Vector<T>(Unsafe.Add(ref x, i));
            r0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), xi, r0);
            r1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), xi, r1);
            z0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * lanes)), xi, z0);
            z1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * lanes)), xi, z1);
            in0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(4 * lanes)), xi, in0);
            in1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(5 * lanes)), xi, in1);
            row = ref Unsafe.Add(ref row, stride);
        }

        Vector<T> r0b = Vector<T>.Zero, r1b = Vector<T>.Zero, z0b = Vector<T>.Zero, z1b = Vector<T>.Zero;
        Vector<T> hn0b = Vector<T>.Zero, hn1b = Vector<T>.Zero;
        row = ref weightHh;
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 1 < h; j += 2)
            {
                var hj = new Vector<T>(Unsafe.Add(ref hPrevious, j));
                var hk = new Vector<T>(Unsafe.Add(ref hPrevious, j + 1));
                ref T next = ref Unsafe.Add(ref row, stride);
                r0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), hj, r0);
                r1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), hj, r1);
                z0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * lanes)), hj, z0);
                z1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * lanes)), hj, z1);
                hn0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(4 * lanes)), hj, hn0);
                hn1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(5 * lanes)), hj, hn1);
                r0b = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next), hk, r0b);
                r1b = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)lanes), hk, r1b);
                z0b = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(2 * lanes)), hk, z0b);
                z1b = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(3 * lanes)), hk, z1b);
                hn0b = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(4 * lanes)), hk, hn0b);
                hn1b = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(5 * lanes)), hk, hn1b);
                row = ref Unsafe.Add(ref next, stride);
            }
        }

        for (; j < h; j++)
        {
            var hj = new Vector<T>(Unsafe.Add(ref hPrevious, j));
            r0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), hj, r0);
            r1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), hj, r1);
            z0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * lanes)), hj, z0);
            z1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * lanes)), hj, z1);
            hn0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(4 * lanes)), hj, hn0);
            hn1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(5 * lanes)), hj, hn1);
            row = ref Unsafe.Add(ref row, stride);
        }

        // Every h_{t−1} has been read: the units may now be written in place.
        GruUnits<T, Vector<T>, VectorTWidth<T>>(r0 + r0b, z0 + z0b, in0, hn0 + hn0b, 0, h, ref hPrevious, ref hOut, ref saved, save);
        GruUnits<T, Vector<T>, VectorTWidth<T>>(r1 + r1b, z1 + z1b, in1, hn1 + hn1b, lanes, h, ref hPrevious, ref hOut, ref saved, save);
    }

    /// <summary>
    /// The whole GRU step when <c>H</c> is one vector (16 floats or 8 doubles on a core with full-width 512-bit
    /// units): r's and z's sums (both biases, both products), n's input part and n's hidden part stay in registers and
    /// go straight into <see cref="GruUnits"/>, as in <see cref="GruBlockOfSix"/> with half its instructions. The
    /// hidden inputs go in four chains per sum (inputs <c>j mod 4</c>), twelve independent multiply-adds in flight.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void GruOneVector<T, TVector, TWidth>(
        int inputs, ref T weightIh, ref T weightHh, ref T biasIh, ref T biasHh, ref T x, ref T hPrevious, ref T hOut, ref T saved, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        int h = TWidth.Count;
        Debug.Assert(h % 4 == 0, "the hidden inputs go in groups of four");
        nuint lanes = (nuint)h;
        int stride = 3 * h;
        TVector r0 = TWidth.Add(TWidth.Load(ref biasIh, 0), TWidth.Load(ref biasHh, 0));
        TVector z0 = TWidth.Add(TWidth.Load(ref biasIh, lanes), TWidth.Load(ref biasHh, lanes));
        TVector inputN = TWidth.Load(ref biasIh, 2 * lanes);
        TVector n0 = TWidth.Load(ref biasHh, 2 * lanes);
        ref T row = ref weightIh;
        for (int k = 0; k < inputs; k++)
        {
            TVector xk = TWidth.Broadcast(Unsafe.Add(ref x, k));
            r0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 0), xk, r0);
            z0 = TWidth.MultiplyAdd(TWidth.Load(ref row, lanes), xk, z0);
            inputN = TWidth.MultiplyAdd(TWidth.Load(ref row, 2 * lanes), xk, inputN);
            row = ref Unsafe.Add(ref row, stride);
        }

        TVector r1 = TWidth.Zero, z1 = TWidth.Zero, n1 = TWidth.Zero;
        TVector r2 = TWidth.Zero, z2 = TWidth.Zero, n2 = TWidth.Zero;
        TVector r3 = TWidth.Zero, z3 = TWidth.Zero, n3 = TWidth.Zero;
        row = ref weightHh;
        for (int j = 0; j < h; j += 4)
        {
            TVector h0 = TWidth.Broadcast(Unsafe.Add(ref hPrevious, j));
            TVector h1 = TWidth.Broadcast(Unsafe.Add(ref hPrevious, j + 1));
            TVector h2 = TWidth.Broadcast(Unsafe.Add(ref hPrevious, j + 2));
            TVector h3 = TWidth.Broadcast(Unsafe.Add(ref hPrevious, j + 3));
            ref T row1 = ref Unsafe.Add(ref row, stride);
            ref T row2 = ref Unsafe.Add(ref row, 2 * stride);
            ref T row3 = ref Unsafe.Add(ref row, 3 * stride);
            r0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 0), h0, r0);
            z0 = TWidth.MultiplyAdd(TWidth.Load(ref row, lanes), h0, z0);
            n0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 2 * lanes), h0, n0);
            r1 = TWidth.MultiplyAdd(TWidth.Load(ref row1, 0), h1, r1);
            z1 = TWidth.MultiplyAdd(TWidth.Load(ref row1, lanes), h1, z1);
            n1 = TWidth.MultiplyAdd(TWidth.Load(ref row1, 2 * lanes), h1, n1);
            r2 = TWidth.MultiplyAdd(TWidth.Load(ref row2, 0), h2, r2);
            z2 = TWidth.MultiplyAdd(TWidth.Load(ref row2, lanes), h2, z2);
            n2 = TWidth.MultiplyAdd(TWidth.Load(ref row2, 2 * lanes), h2, n2);
            r3 = TWidth.MultiplyAdd(TWidth.Load(ref row3, 0), h3, r3);
            z3 = TWidth.MultiplyAdd(TWidth.Load(ref row3, lanes), h3, z3);
            n3 = TWidth.MultiplyAdd(TWidth.Load(ref row3, 2 * lanes), h3, n3);
            row = ref Unsafe.Add(ref row, 4 * stride);
        }

        // Every h_{t−1} has been read: the units may now be written in place.
        GruUnits<T, TVector, TWidth>(
            TWidth.Add(TWidth.Add(r0, r1), TWidth.Add(r2, r3)),
            TWidth.Add(TWidth.Add(z0, z1), TWidth.Add(z2, z3)),
            inputN,
            TWidth.Add(TWidth.Add(n0, n1), TWidth.Add(n2, n3)),
            0,
            h,
            ref hPrevious,
            ref hOut,
            ref saved,
            save);
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
        if (VectorWidth.UsesVector512<T>())
        {
            k = GruBackwardVectors<T, Vector512<T>, Vector512Width<T>>(h, 0, ref s, ref hp, ref up, ref carried, ref gi, ref gg, ref skip);
        }

        if (Vector.IsHardwareAccelerated)
        {
            k = GruBackwardVectors<T, Vector<T>, VectorTWidth<T>>(h, k, ref s, ref hp, ref up, ref carried, ref gi, ref gg, ref skip);
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

    /// <summary>
    /// <see cref="GruStepBackward"/>'s whole vectors at one width from unit <paramref name="first"/> on; returns the
    /// first unit they leave.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GruBackwardVectors<T, TVector, TWidth>(int h, int first, ref T s, ref T hp, ref T up, ref T carried, ref T gi, ref T gg, ref T skip)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        TVector one = TWidth.One;
        int k = first;
        for (; k + TWidth.Count <= h; k += TWidth.Count)
        {
            TVector r = TWidth.Load(ref s, (nuint)k);
            TVector z = TWidth.Load(ref s, (nuint)(h + k));
            TVector n = TWidth.Load(ref s, (nuint)((2 * h) + k));
            TVector hn = TWidth.Load(ref s, (nuint)((3 * h) + k));
            TVector d = TWidth.Add(TWidth.Load(ref up, (nuint)k), TWidth.Load(ref carried, (nuint)k));
            TVector an = TWidth.Multiply(TWidth.Multiply(d, TWidth.Subtract(one, z)), TWidth.Subtract(one, TWidth.Multiply(n, n)));
            TVector ar = TWidth.Multiply(TWidth.Multiply(TWidth.Multiply(an, hn), r), TWidth.Subtract(one, r));
            TVector az = TWidth.Multiply(TWidth.Multiply(TWidth.Multiply(d, TWidth.Subtract(TWidth.Load(ref hp, (nuint)k), n)), z), TWidth.Subtract(one, z));
            TWidth.Store(ar, ref gi, (nuint)k);
            TWidth.Store(az, ref gi, (nuint)(h + k));
            TWidth.Store(an, ref gi, (nuint)((2 * h) + k));
            TWidth.Store(ar, ref gg, (nuint)k);
            TWidth.Store(az, ref gg, (nuint)(h + k));
            TWidth.Store(TWidth.Multiply(an, r), ref gg, (nuint)((2 * h) + k));
            TWidth.Store(TWidth.Multiply(d, z), ref skip, (nuint)k);
        }

        return k;
    }
}
