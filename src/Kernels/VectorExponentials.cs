using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNN.Kernels;

/// <summary>
/// σ, tanh and the exponential in SIMD, at any width (<see cref="IVectorWidth{T, TVector}"/>): each from one
/// exponential and at most one division, accurate to a few ulps relative to their value, tiny and saturated inputs
/// included (a sweep of every fifth to seventh float found σ within 2.2 ulps and tanh within 3.3; in double tanh is
/// within about 4 of <see cref="Math.Tanh"/>; the kernel tests bound them). The exponential is built here rather than taken from
/// <see cref="Vector.Exp(Vector{float})"/>, which in float works in double: about half the instructions, and its last
/// steps merge with σ's and tanh's own (see <see cref="ExpParts"/>). The recurrent cells' gates, the fused activations
/// and the activation layers all compute with these.
/// </summary>
internal static class VectorExponentials
{
    /// <summary>The least float argument <see cref="ExpParts"/> takes as it is: <c>2^n</c> stays a normal number.</summary>
    public const float FloatExpLow = -87.33654f;

    /// <summary>The largest float argument <see cref="ExpParts"/> takes as it is.</summary>
    public const float FloatExpHigh = 88.02f;

    /// <summary>The least double argument <see cref="ExpParts"/> takes as it is.</summary>
    public const double DoubleExpLow = -708.0;

    /// <summary>The largest double argument <see cref="ExpParts"/> takes as it is.</summary>
    public const double DoubleExpHigh = 709.0;

    // ln 2 = DoubleLn2Hi + DoubleLn2Lo, the high part with 32 significant bits (fdlibm's split), so that n·DoubleLn2Hi
    // is exact for every |n| ≤ 1024.
    private const double DoubleLn2Hi = 6.93147180369123816490e-01;
    private const double DoubleLn2Lo = 1.90821492927058770002e-10;

    /// <summary>
    /// <c>σ(z) = 1/(1 + e^−z)</c>: 1 at +∞, NaN for NaN. Below <c>z = −88.02</c> (float) or −709 (double) it stays at
    /// about half the smallest normal number (5.9e-39 in float) instead of falling to 0, an absolute error the
    /// recurrent gates can ignore; <see cref="VectorMath.Sigmoid{T}"/>, whose callers multiply σ by large values
    /// (SiLU's <c>z·σ(z)</c>), makes it 0 there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Sigmoid<T, TVector, TWidth>(TVector z)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        // e^−z = s·(1 + m) with s = 2^n: the denominator 1 + e^−z is one multiply-add, m·s + (s + 1).
        TVector m = ExpParts<T, TVector, TWidth>(TWidth.Negate(z), out TVector s);
        return TWidth.Divide(TWidth.One, TWidth.MultiplyAdd(m, s, TWidth.Add(s, TWidth.One)));
    }

    /// <summary>
    /// <c>tanh(z) = (e^(2z) − 1)/(e^(2z) + 1)</c> with <c>e^(2z) = s·(1 + m)</c>, <c>s = 2^n</c>: numerator
    /// <c>m·s + (s − 1)</c> and denominator <c>m·s + (s + 1)</c>. For <c>|2z| ≤ ln 2/2</c>, <c>s = 1</c> and the
    /// numerator is <c>m = e^(2z) − 1</c> itself, computed without cancellation, so tanh keeps full relative
    /// precision near 0 (where <c>1 − 2/(e^(2z) + 1)</c> would have only absolute precision); it reaches ±1 exactly
    /// as <c>|z|</c> grows. NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Tanh<T, TVector, TWidth>(TVector z)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        TVector m = ExpParts<T, TVector, TWidth>(TWidth.Add(z, z), out TVector s);
        return TWidth.Divide(TWidth.MultiplyAdd(m, s, TWidth.Subtract(s, TWidth.One)), TWidth.MultiplyAdd(m, s, TWidth.Add(s, TWidth.One)));
    }

    /// <summary>
    /// <c>e^x</c> between <see cref="FloatExpLow"/> and <see cref="FloatExpHigh"/> (double: <see cref="DoubleExpLow"/>,
    /// <see cref="DoubleExpHigh"/>); beyond, the value at the nearer bound, not 0 or ∞ (see <see cref="ExpParts"/>;
    /// <see cref="VectorMath.Exp{T}"/> gives 0 and ∞ there).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Exp<T, TVector, TWidth>(TVector x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        TVector m = ExpParts<T, TVector, TWidth>(x, out TVector s);
        return TWidth.MultiplyAdd(m, s, s);
    }

    /// <summary><c>e^x − 1</c>, without cancellation near 0 (PyTorch's <c>expm1</c>), its argument clamped as <see cref="Exp{T, TVector, TWidth}"/>'s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ExpMinusOne<T, TVector, TWidth>(TVector x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        TVector m = ExpParts<T, TVector, TWidth>(x, out TVector s);
        return TWidth.MultiplyAdd(m, s, TWidth.Subtract(s, TWidth.One));
    }

    /// <summary>
    /// <c>e^x = s·(1 + m)</c>: returns <c>m</c> and sets <paramref name="scale"/> to <c>s</c>, a power of two (with
    /// the small correction for the low part of ln 2 folded in, see below), so that callers form <c>e^x</c>,
    /// <c>e^x ± 1</c> with one multiply-add each, <c>e^x − 1</c> without cancellation when <c>s = 1</c>.
    /// <para>
    /// <c>x</c> is clamped to where <c>2^n</c> is a normal number (float −87.3 … 88.0, double −708 … 709; NaN passes
    /// through), then <c>n = round(x/ln 2)</c> (by adding <c>1.5·2^23</c>, or <c>1.5·2^52</c> in double: the sum's
    /// low mantissa bits then hold n, which shift straight into 2^n's exponent field), <c>r = x − n·ln2Hi</c> (exact:
    /// ln2Hi has few significant bits), and <c>m = e^r − 1 = r + r²·P(r)</c> over <c>|r| ≤ 0.35</c>. The rest of
    /// ln 2 multiplies the result by <c>e^(−d)</c>, <c>d = n·ln2Lo</c>, folded into s off the dependency chain that
    /// runs through r: <c>1 − d</c> in float (d ≤ 1.9e-4, so the dropped <c>d²/2</c> is below 2e-8, a third of an
    /// ulp, and only for |x| near the clamps), <c>1 − d + d²/2</c> in double (d ≤ 2e-7).
    /// </para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ExpParts<T, TVector, TWidth>(TVector x, out TVector scale)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        // The constants are written in the precision they are used in, and reinterpreted as T only in that
        // precision's branch. A bit cast, not a conversion: the nonlinearities inline into large kernels, whose
        // inlining budget a chain of conversion calls per constant ran out of (the streaming LSTM step took 144 ns
        // instead of 76).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector FloatVector(float value) => TWidth.Broadcast(Unsafe.BitCast<float, T>(value));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector DoubleVector(double value) => TWidth.Broadcast(Unsafe.BitCast<double, T>(value));

        if (typeof(T) == typeof(float))
        {
            // MinNative/MaxNative are single instructions; with the constant first, x86 returns the second operand,
            // x, when it is NaN, so NaN goes through (Arm's instructions return NaN anyway).
            x = TWidth.MinNative(FloatVector(FloatExpHigh), TWidth.MaxNative(FloatVector(FloatExpLow), x));
            TVector magic = FloatVector(12582912f);
            TVector shifted = TWidth.MultiplyAdd(x, FloatVector(1.44269504088896341f), magic);
            TVector n = TWidth.Subtract(shifted, magic);
            TVector r = TWidth.MultiplyAdd(n, FloatVector(-0.693145751953125f), x);

            // Cephes' expf polynomial, e^r − 1 ≈ r + r²·(p5 + p4·r + … + p0·r^5), within one ulp; Estrin's scheme,
            // r + r²·(p5 + p4·r) + r⁴·((p3 + p2·r) + r²·(p1 + p0·r)), for a short dependency chain.
            TVector r2 = TWidth.Multiply(r, r);
            TVector p01 = TWidth.MultiplyAdd(FloatVector(1.9875691500e-4f), r, FloatVector(1.3981999507e-3f));
            TVector p23 = TWidth.MultiplyAdd(FloatVector(8.3334519073e-3f), r, FloatVector(4.1665795894e-2f));
            TVector p45 = TWidth.MultiplyAdd(FloatVector(1.6666665459e-1f), r, FloatVector(5.0000001201e-1f));
            TVector low = TWidth.MultiplyAdd(r2, p45, r);
            TVector high = TWidth.MultiplyAdd(p01, r2, p23);
            TVector m = TWidth.MultiplyAdd(high, TWidth.Multiply(r2, r2), low);

            TVector power = TWidth.PowerOfTwo(shifted);
            scale = TWidth.MultiplyAdd(power, TWidth.Multiply(n, FloatVector(-1.428606765330187045e-06f)), power);
            return m;
        }

        if (typeof(T) == typeof(double))
        {
            x = TWidth.MinNative(DoubleVector(DoubleExpHigh), TWidth.MaxNative(DoubleVector(DoubleExpLow), x));
            TVector magic = DoubleVector(6755399441055744.0);
            TVector shifted = TWidth.MultiplyAdd(x, DoubleVector(1.4426950408889634), magic);
            TVector n = TWidth.Subtract(shifted, magic);
            TVector r = TWidth.MultiplyAdd(n, DoubleVector(-DoubleLn2Hi), x);

            // Taylor: e^r − 1 = r + r²·Σ_k r^k/(k + 2)!, k = 0 … 11, whose truncation error is below 5e-18 for
            // |r| ≤ 0.35; pairs, then quadruples, then eights (Estrin).
            TVector r2 = TWidth.Multiply(r, r);
            TVector r4 = TWidth.Multiply(r2, r2);
            TVector p01 = TWidth.MultiplyAdd(DoubleVector(1.0 / 6), r, DoubleVector(1.0 / 2));
            TVector p23 = TWidth.MultiplyAdd(DoubleVector(1.0 / 120), r, DoubleVector(1.0 / 24));
            TVector p45 = TWidth.MultiplyAdd(DoubleVector(1.0 / 5040), r, DoubleVector(1.0 / 720));
            TVector p67 = TWidth.MultiplyAdd(DoubleVector(1.0 / 362880), r, DoubleVector(1.0 / 40320));
            TVector p89 = TWidth.MultiplyAdd(DoubleVector(1.0 / 39916800), r, DoubleVector(1.0 / 3628800));
            TVector p1011 = TWidth.MultiplyAdd(DoubleVector(1.0 / 6227020800), r, DoubleVector(1.0 / 479001600));
            TVector p03 = TWidth.MultiplyAdd(p23, r2, p01);
            TVector p47 = TWidth.MultiplyAdd(p67, r2, p45);
            TVector p811 = TWidth.MultiplyAdd(p1011, r2, p89);
            TVector p = TWidth.MultiplyAdd(TWidth.MultiplyAdd(p811, r4, p47), r4, p03);
            TVector m = TWidth.MultiplyAdd(p, r2, r);

            // e^(−n·ln2Lo) = 1 − d + d²/2 with d = n·ln2Lo ≤ 2e-7: the cube is below 1e-20.
            TVector power = TWidth.PowerOfTwo(shifted);
            TVector d = TWidth.Multiply(n, DoubleVector(DoubleLn2Lo));
            TVector correction = TWidth.MultiplyAdd(TWidth.Multiply(d, DoubleVector(0.5)), d, TWidth.Negate(d));
            scale = TWidth.MultiplyAdd(power, correction, power);
            return m;
        }

        throw new NotSupportedException($"No vector exponential for {typeof(T)}.");
    }
}
