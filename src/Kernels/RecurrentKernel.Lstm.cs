using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using static GenNN.Kernels.VectorExponentials;

namespace GenNN.Kernels;

/// <summary>The LSTM cell: gates i, f, g, o.</summary>
public static partial class RecurrentKernel
{
    /// <summary>
    /// One LSTM step: the pre-activations of all <c>4·H</c> gate units into scratch, then per unit
    /// <c>c_t = f·c_{t−1} + i·g</c> (one multiply-add over the rounded <c>i·g</c>, fused where the processor has FMA) and <c>h_t = o·tanh(c_t)</c>
    /// (<see cref="LstmActivations"/>); when <c>H</c> is one full-width 512-bit vector, <see cref="LstmOneVector"/> instead, and
    /// when it is two vectors, <see cref="LstmBlockOfEight"/>.
    /// With <paramref name="save"/>, i, f, g, o go to <paramref name="gates"/> (<c>[6·H]</c>: c_t, at
    /// <paramref name="cOut"/>, and tanh(c_t) follow them); else tanh(c_t) lands in scratch. The states may be updated in place (<paramref name="hOut"/> = <paramref name="hPrevious"/>, <paramref name="cOut"/> =
    /// <paramref name="cPrevious"/>): every product has read <c>h_{t−1}</c> before the first unit is written, and
    /// each unit reads its own <c>c_{t−1}</c> only.
    /// </summary>
    private static void LstmStep<T>(in Parameters<T> p, ref T x, ref T hPrevious, ref T cPrevious, ref T hOut, ref T cOut, ref T gates, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int h = p.Hidden;
        if (VectorWidth.UsesFullWidthVector512<T>() && h == Vector512<T>.Count)
        {
            LstmOneVector<T, Vector512<T>, Vector512Width<T>>(p.Inputs, ref p.WeightIh, ref p.WeightHh, ref p.BiasIh, ref p.BiasHh, ref x, ref hPrevious, ref cPrevious, ref hOut, ref cOut, ref gates, save);
            return;
        }

        if (Vector.IsHardwareAccelerated && h == 2 * Vector<T>.Count)
        {
            LstmBlockOfEight(h, p.Inputs, ref p.WeightIh, ref p.WeightHh, ref p.BiasIh, ref p.BiasHh, ref x, ref hPrevious, ref cPrevious, ref hOut, ref cOut, ref gates, save);
            return;
        }

        ref T pre = ref p.Work;
        GateSums(4 * h, 4 * h, ref p.BiasIh, ref p.BiasHh, true, ref p.WeightIh, ref x, p.Inputs, ref p.WeightHh, ref hPrevious, h, ref pre);
        LstmActivations(h, ref pre, ref cPrevious, ref hOut, ref cOut, ref gates, save);
    }

    /// <summary>
    /// The units of one LSTM step from their <c>4·H</c> pre-activations <paramref name="pre"/> (i|f|g|o): the gate
    /// values (<see cref="LstmGateValues"/>, into <paramref name="gates"/> with <paramref name="save"/>, else over
    /// <paramref name="pre"/>), then the states (<see cref="LstmStates"/>).
    /// </summary>
    private static void LstmActivations<T>(int h, ref T pre, ref T cPrevious, ref T hOut, ref T cOut, ref T gates, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T values = ref save ? ref gates : ref pre;
        LstmGateValues(h, ref pre, ref values);
        LstmStates(h, ref values, ref cPrevious, ref hOut, ref cOut);
    }

    /// <summary>
    /// i, f, o = σ and g = tanh of the pre-activations <paramref name="pre"/> (<c>[4·H]</c>, i|f|g|o) into
    /// <paramref name="values"/> (which may be <paramref name="pre"/>). Apart from the states, whose tanh waits on
    /// these, so that many independent nonlinearities are in flight at once. (The block pass takes each gate for every
    /// sample of a step at once instead, <see cref="GateRows"/>.)
    /// </summary>
    private static void LstmGateValues<T>(int h, ref T pre, ref T values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GateUnits<T, SigmoidGate<T>>(h, ref pre, ref values);
        GateUnits<T, SigmoidGate<T>>(h, ref Unsafe.Add(ref pre, h), ref Unsafe.Add(ref values, h));
        GateUnits<T, TanhGate<T>>(h, ref Unsafe.Add(ref pre, 2 * h), ref Unsafe.Add(ref values, 2 * h));
        GateUnits<T, SigmoidGate<T>>(h, ref Unsafe.Add(ref pre, 3 * h), ref Unsafe.Add(ref values, 3 * h));
    }

    /// <summary>
    /// <c>c_t = f·c_{t−1} + i·g</c> (one multiply-add over the rounded <c>i·g</c>, fused where the processor has FMA) and <c>h_t = o·tanh(c_t)</c>
    /// from the gate values <paramref name="values"/> (i|f|g|o), keeping <c>tanh(c_t)</c> at <c>values[5·H…6·H)</c>
    /// for backward; each unit reads its own <c>c_{t−1}</c> only.
    /// </summary>
    private static void LstmStates<T>(int h, ref T values, ref T cPrevious, ref T hOut, ref T cOut)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        if (VectorWidth.UsesVector512<T>())
        {
            k = LstmStateVectors<T, Vector512<T>, Vector512Width<T>>(h, 0, ref values, ref cPrevious, ref hOut, ref cOut);
        }

        if (Vector.IsHardwareAccelerated)
        {
            k = LstmStateVectors<T, Vector<T>, VectorTWidth<T>>(h, k, ref values, ref cPrevious, ref hOut, ref cOut);
        }

        for (; k < h; k++)
        {
            T i = Unsafe.Add(ref values, k);
            T f = Unsafe.Add(ref values, h + k);
            T g = Unsafe.Add(ref values, (2 * h) + k);
            T o = Unsafe.Add(ref values, (3 * h) + k);
            T c = T.MultiplyAddEstimate(f, Unsafe.Add(ref cPrevious, k), i * g);
            T tanhC = Tanh(c);
            Unsafe.Add(ref hOut, k) = o * tanhC;
            Unsafe.Add(ref cOut, k) = c;
            Unsafe.Add(ref values, (5 * h) + k) = tanhC;
        }
    }

    /// <summary>
    /// <see cref="LstmStates"/>' whole vectors at one width from unit <paramref name="first"/> on; returns the first
    /// unit they leave.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LstmStateVectors<T, TVector, TWidth>(int h, int first, ref T values, ref T cPrevious, ref T hOut, ref T cOut)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        int k = first;
        for (; k + TWidth.Count <= h; k += TWidth.Count)
        {
            TVector hidden = LstmCell<T, TVector, TWidth>(
                TWidth.Load(ref values, (nuint)k),
                TWidth.Load(ref values, (nuint)(h + k)),
                TWidth.Load(ref values, (nuint)((2 * h) + k)),
                TWidth.Load(ref values, (nuint)((3 * h) + k)),
                TWidth.Load(ref cPrevious, (nuint)k),
                out TVector c,
                out TVector tanhC);
            TWidth.Store(hidden, ref hOut, (nuint)k);
            TWidth.Store(c, ref cOut, (nuint)k);
            TWidth.Store(tanhC, ref values, (nuint)((5 * h) + k));
        }

        return k;
    }

    /// <summary><c>c_t = f·c_{t−1} + i·g</c> (one multiply-add over the rounded <c>i·g</c>, fused where the processor has FMA) and <c>tanh(c_t)</c>; returns <c>h_t = o·tanh(c_t)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector LstmCell<T, TVector, TWidth>(TVector i, TVector f, TVector g, TVector o, TVector cPrevious, out TVector c, out TVector tanhC)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        c = TWidth.MultiplyAdd(f, cPrevious, TWidth.Multiply(i, g));
        tanhC = Tanh<T, TVector, TWidth>(c);
        return TWidth.Multiply(o, tanhC);
    }

    /// <summary>
    /// The units <c>[k, k + TWidth.Count)</c> from their four gate pre-activations in registers: i, f, o through σ, g
    /// through tanh, then <see cref="LstmCell"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LstmUnits<T, TVector, TWidth>(
        TVector zi, TVector zf, TVector zg, TVector zo, int k, int h, ref T cPrevious, ref T hOut, ref T cOut, ref T gates, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        TVector i = Sigmoid<T, TVector, TWidth>(zi);
        TVector f = Sigmoid<T, TVector, TWidth>(zf);
        TVector g = Tanh<T, TVector, TWidth>(zg);
        TVector o = Sigmoid<T, TVector, TWidth>(zo);
        TWidth.Store(LstmCell<T, TVector, TWidth>(i, f, g, o, TWidth.Load(ref cPrevious, (nuint)k), out TVector c, out TVector tanhC), ref hOut, (nuint)k);
        TWidth.Store(c, ref cOut, (nuint)k);
        if (save)
        {
            TWidth.Store(i, ref gates, (nuint)k);
            TWidth.Store(f, ref gates, (nuint)(h + k));
            TWidth.Store(g, ref gates, (nuint)((2 * h) + k));
            TWidth.Store(o, ref gates, (nuint)((3 * h) + k));
            TWidth.Store(tanhC, ref gates, (nuint)((5 * h) + k));
        }
    }

    /// <summary>
    /// The whole LSTM step when <c>H</c> is two vectors (16 floats or 8 doubles with AVX2/AVX-512 vectors), the
    /// common streaming size: all <c>4·H</c> gate sums, eight vectors i₀ i₁ f₀ f₁ g₀ g₁ o₀ o₁, stay in registers
    /// (with AVX-512's 32 registers, two chains each, even and odd inputs of h; one chain each with 16) and go
    /// straight into <see cref="LstmUnits"/>: no round trip through scratch, measured 10–15% faster than the general
    /// path (1→16 float: 61 ns from 69 with AVX-512, 101 ns from 113 with AVX2 only).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LstmBlockOfEight<T>(
        int h, int inputs, ref T weightIh, ref T weightHh, ref T biasIh, ref T biasHh, ref T x, ref T hPrevious, ref T cPrevious, ref T hOut, ref T cOut, ref T gates, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        int stride = 8 * lanes;
        Vector<T> a0 = BiasVector(ref biasIh, ref biasHh, true, 0);
        Vector<T> a1 = BiasVector(ref biasIh, ref biasHh, true, lanes);
        Vector<T> a2 = BiasVector(ref biasIh, ref biasHh, true, 2 * lanes);
        Vector<T> a3 = BiasVector(ref biasIh, ref biasHh, true, 3 * lanes);
        Vector<T> a4 = BiasVector(ref biasIh, ref biasHh, true, 4 * lanes);
        Vector<T> a5 = BiasVector(ref biasIh, ref biasHh, true, 5 * lanes);
        Vector<T> a6 = BiasVector(ref biasIh, ref biasHh, true, 6 * lanes);
        Vector<T> a7 = BiasVector(ref biasIh, ref biasHh, true, 7 * lanes);
        ref T row = ref weightIh;
        for (int i = 0; i < inputs; i++)
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

        Vector<T> b0 = Vector<T>.Zero, b1 = Vector<T>.Zero, b2 = Vector<T>.Zero, b3 = Vector<T>.Zero;
        Vector<T> b4 = Vector<T>.Zero, b5 = Vector<T>.Zero, b6 = Vector<T>.Zero, b7 = Vector<T>.Zero;
        row = ref weightHh;
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 1 < h; j += 2)
            {
                var hj = new Vector<T>(Unsafe.Add(ref hPrevious, j));
                var hk = new Vector<T>(Unsafe.Add(ref hPrevious, j + 1));
                ref T next = ref Unsafe.Add(ref row, stride);
                a0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), hj, a0);
                a1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), hj, a1);
                a2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * lanes)), hj, a2);
                a3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * lanes)), hj, a3);
                a4 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(4 * lanes)), hj, a4);
                a5 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(5 * lanes)), hj, a5);
                a6 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(6 * lanes)), hj, a6);
                a7 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(7 * lanes)), hj, a7);
                b0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next), hk, b0);
                b1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)lanes), hk, b1);
                b2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(2 * lanes)), hk, b2);
                b3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(3 * lanes)), hk, b3);
                b4 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(4 * lanes)), hk, b4);
                b5 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(5 * lanes)), hk, b5);
                b6 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(6 * lanes)), hk, b6);
                b7 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref next, (nuint)(7 * lanes)), hk, b7);
                row = ref Unsafe.Add(ref next, stride);
            }
        }

        for (; j < h; j++)
        {
            var hj = new Vector<T>(Unsafe.Add(ref hPrevious, j));
            a0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), hj, a0);
            a1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), hj, a1);
            a2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * lanes)), hj, a2);
            a3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * lanes)), hj, a3);
            a4 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(4 * lanes)), hj, a4);
            a5 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(5 * lanes)), hj, a5);
            a6 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(6 * lanes)), hj, a6);
            a7 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(7 * lanes)), hj, a7);
            row = ref Unsafe.Add(ref row, stride);
        }

        // Every h_{t−1} has been read: the units may now be written in place.
        LstmUnits<T, Vector<T>, VectorTWidth<T>>(a0 + b0, a2 + b2, a4 + b4, a6 + b6, 0, h, ref cPrevious, ref hOut, ref cOut, ref gates, save);
        LstmUnits<T, Vector<T>, VectorTWidth<T>>(a1 + b1, a3 + b3, a5 + b5, a7 + b7, lanes, h, ref cPrevious, ref hOut, ref cOut, ref gates, save);
    }

    /// <summary>
    /// The whole LSTM step when <c>H</c> is one vector (16 floats or 8 doubles on a core with full-width 512-bit
    /// units, the common streaming size): the four gate sums i, f, g, o stay in registers and go straight into
    /// <see cref="LstmUnits"/>, as in <see cref="LstmBlockOfEight"/> with half its instructions. Each gate sums the
    /// hidden inputs in four chains (inputs <c>j mod 4</c>): sixteen independent multiply-adds in flight cover the
    /// pipes' latency, where one chain per gate would wait on each.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LstmOneVector<T, TVector, TWidth>(
        int inputs, ref T weightIh, ref T weightHh, ref T biasIh, ref T biasHh, ref T x, ref T hPrevious, ref T cPrevious, ref T hOut, ref T cOut, ref T gates, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        int h = TWidth.Count;
        Debug.Assert(h % 4 == 0, "the hidden inputs go in groups of four");
        nuint lanes = (nuint)h;
        int stride = 4 * h;
        TVector i0 = TWidth.Add(TWidth.Load(ref biasIh, 0), TWidth.Load(ref biasHh, 0));
        TVector f0 = TWidth.Add(TWidth.Load(ref biasIh, lanes), TWidth.Load(ref biasHh, lanes));
        TVector g0 = TWidth.Add(TWidth.Load(ref biasIh, 2 * lanes), TWidth.Load(ref biasHh, 2 * lanes));
        TVector o0 = TWidth.Add(TWidth.Load(ref biasIh, 3 * lanes), TWidth.Load(ref biasHh, 3 * lanes));
        ref T row = ref weightIh;
        for (int k = 0; k < inputs; k++)
        {
            TVector xk = TWidth.Broadcast(Unsafe.Add(ref x, k));
            i0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 0), xk, i0);
            f0 = TWidth.MultiplyAdd(TWidth.Load(ref row, lanes), xk, f0);
            g0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 2 * lanes), xk, g0);
            o0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 3 * lanes), xk, o0);
            row = ref Unsafe.Add(ref row, stride);
        }

        TVector i1 = TWidth.Zero, f1 = TWidth.Zero, g1 = TWidth.Zero, o1 = TWidth.Zero;
        TVector i2 = TWidth.Zero, f2 = TWidth.Zero, g2 = TWidth.Zero, o2 = TWidth.Zero;
        TVector i3 = TWidth.Zero, f3 = TWidth.Zero, g3 = TWidth.Zero, o3 = TWidth.Zero;
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
            i0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 0), h0, i0);
            f0 = TWidth.MultiplyAdd(TWidth.Load(ref row, lanes), h0, f0);
            g0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 2 * lanes), h0, g0);
            o0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 3 * lanes), h0, o0);
            i1 = TWidth.MultiplyAdd(TWidth.Load(ref row1, 0), h1, i1);
            f1 = TWidth.MultiplyAdd(TWidth.Load(ref row1, lanes), h1, f1);
            g1 = TWidth.MultiplyAdd(TWidth.Load(ref row1, 2 * lanes), h1, g1);
            o1 = TWidth.MultiplyAdd(TWidth.Load(ref row1, 3 * lanes), h1, o1);
            i2 = TWidth.MultiplyAdd(TWidth.Load(ref row2, 0), h2, i2);
            f2 = TWidth.MultiplyAdd(TWidth.Load(ref row2, lanes), h2, f2);
            g2 = TWidth.MultiplyAdd(TWidth.Load(ref row2, 2 * lanes), h2, g2);
            o2 = TWidth.MultiplyAdd(TWidth.Load(ref row2, 3 * lanes), h2, o2);
            i3 = TWidth.MultiplyAdd(TWidth.Load(ref row3, 0), h3, i3);
            f3 = TWidth.MultiplyAdd(TWidth.Load(ref row3, lanes), h3, f3);
            g3 = TWidth.MultiplyAdd(TWidth.Load(ref row3, 2 * lanes), h3, g3);
            o3 = TWidth.MultiplyAdd(TWidth.Load(ref row3, 3 * lanes), h3, o3);
            row = ref Unsafe.Add(ref row, 4 * stride);
        }

        // Every h_{t−1} has been read: the units may now be written in place.
        LstmUnits<T, TVector, TWidth>(
            TWidth.Add(TWidth.Add(i0, i1), TWidth.Add(i2, i3)),
            TWidth.Add(TWidth.Add(f0, f1), TWidth.Add(f2, f3)),
            TWidth.Add(TWidth.Add(g0, g1), TWidth.Add(g2, g3)),
            TWidth.Add(TWidth.Add(o0, o1), TWidth.Add(o2, o3)),
            0,
            h,
            ref cPrevious,
            ref hOut,
            ref cOut,
            ref gates,
            save);
    }

    /// <summary>
    /// One LSTM step backward, from the step's saved i, f, g, o, c_t, tanh(c_t) (<paramref name="saved"/>,
    /// <c>[6·H]</c>) and <c>c_{t−1}</c>: with <c>d = dL/dh_t</c> (<paramref name="dh"/> + <paramref name="carry"/>),
    /// <c>dc = dc_carry + d·o·(1 − tanh²c_t)</c>, and the gate
    /// pre-activations' gradients <c>dz_i = dc·g·i(1−i)</c>, <c>dz_f = dc·c_{t−1}·f(1−f)</c>, <c>dz_g = dc·i·(1−g²)</c>,
    /// <c>dz_o = d·tanh(c_t)·o(1−o)</c> into <paramref name="gateGradient"/>; <paramref name="cellCarry"/> becomes
    /// <c>dc·f</c>, the <c>dL/dc_{t−1}</c> for the step before.
    /// </summary>
    private static void LstmStepBackward<T>(
        int h, ReadOnlySpan<T> saved, ReadOnlySpan<T> cPrevious, ReadOnlySpan<T> dh, ReadOnlySpan<T> carry, Span<T> cellCarry, Span<T> gateGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T s = ref MemoryMarshal.GetReference(saved);
        ref T cp = ref MemoryMarshal.GetReference(cPrevious);
        ref T up = ref MemoryMarshal.GetReference(dh);
        ref T carried = ref MemoryMarshal.GetReference(carry);
        ref T cc = ref MemoryMarshal.GetReference(cellCarry);
        ref T dz = ref MemoryMarshal.GetReference(gateGradient);
        int k = 0;
        if (VectorWidth.UsesVector512<T>())
        {
            k = LstmBackwardVectors<T, Vector512<T>, Vector512Width<T>>(h, 0, ref s, ref cp, ref up, ref carried, ref cc, ref dz);
        }

        if (Vector.IsHardwareAccelerated)
        {
            k = LstmBackwardVectors<T, Vector<T>, VectorTWidth<T>>(h, k, ref s, ref cp, ref up, ref carried, ref cc, ref dz);
        }

        for (; k < h; k++)
        {
            T i = Unsafe.Add(ref s, k);
            T f = Unsafe.Add(ref s, h + k);
            T g = Unsafe.Add(ref s, (2 * h) + k);
            T o = Unsafe.Add(ref s, (3 * h) + k);
            T tc = Unsafe.Add(ref s, (5 * h) + k);
            T d = Unsafe.Add(ref up, k) + Unsafe.Add(ref carried, k);
            T dc = Unsafe.Add(ref cc, k) + (d * o * (T.One - (tc * tc)));
            Unsafe.Add(ref dz, k) = dc * g * i * (T.One - i);
            Unsafe.Add(ref dz, h + k) = dc * Unsafe.Add(ref cp, k) * f * (T.One - f);
            Unsafe.Add(ref dz, (2 * h) + k) = dc * i * (T.One - (g * g));
            Unsafe.Add(ref dz, (3 * h) + k) = d * tc * o * (T.One - o);
            Unsafe.Add(ref cc, k) = dc * f;
        }
    }

    /// <summary>
    /// <see cref="LstmStepBackward"/>'s whole vectors at one width from unit <paramref name="first"/> on; returns the
    /// first unit they leave.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LstmBackwardVectors<T, TVector, TWidth>(int h, int first, ref T s, ref T cp, ref T up, ref T carried, ref T cc, ref T dz)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        TVector one = TWidth.One;
        int k = first;
        for (; k + TWidth.Count <= h; k += TWidth.Count)
        {
            TVector i = TWidth.Load(ref s, (nuint)k);
            TVector f = TWidth.Load(ref s, (nuint)(h + k));
            TVector g = TWidth.Load(ref s, (nuint)((2 * h) + k));
            TVector o = TWidth.Load(ref s, (nuint)((3 * h) + k));
            TVector tc = TWidth.Load(ref s, (nuint)((5 * h) + k));
            TVector d = TWidth.Add(TWidth.Load(ref up, (nuint)k), TWidth.Load(ref carried, (nuint)k));
            TVector dc = TWidth.Add(TWidth.Load(ref cc, (nuint)k), TWidth.Multiply(TWidth.Multiply(d, o), TWidth.Subtract(one, TWidth.Multiply(tc, tc))));
            TWidth.Store(TWidth.Multiply(TWidth.Multiply(TWidth.Multiply(dc, g), i), TWidth.Subtract(one, i)), ref dz, (nuint)k);
            TWidth.Store(TWidth.Multiply(TWidth.Multiply(TWidth.Multiply(dc, TWidth.Load(ref cp, (nuint)k)), f), TWidth.Subtract(one, f)), ref dz, (nuint)(h + k));
            TWidth.Store(TWidth.Multiply(TWidth.Multiply(dc, i), TWidth.Subtract(one, TWidth.Multiply(g, g))), ref dz, (nuint)((2 * h) + k));
            TWidth.Store(TWidth.Multiply(TWidth.Multiply(TWidth.Multiply(d, tc), o), TWidth.Subtract(one, o)), ref dz, (nuint)((3 * h) + k));
            TWidth.Store(TWidth.Multiply(dc, f), ref cc, (nuint)k);
        }

        return k;
    }
}
