using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNN.Kernels;

/// <summary>
/// The gate nonlinearities, σ and tanh, in SIMD: each from one exponential and one division, accurate relative to
/// their value (measured over a sweep including tiny and saturated inputs: σ within 1.2 ulps and tanh within 1.2 ulps
/// in float; 1.5 and 2.1 ulps in double against <see cref="Math"/>, itself within one; see the kernel tests). The
/// exponential is built here rather than taken from <see cref="Vector.Exp(Vector{float})"/>, which in float works in
/// double: about half the instructions, and its last steps merge with σ's and tanh's own (see <see cref="ExpParts"/>).
/// </summary>
public static partial class RecurrentKernel
{
    // ln 2 = DoubleLn2Hi + DoubleLn2Lo, the high part with 32 significant bits (fdlibm's split), so that n·DoubleLn2Hi
    // is exact for every |n| ≤ 1024.
    private const double DoubleLn2Hi = 6.93147180369123816490e-01;
    private const double DoubleLn2Lo = 1.90821492927058770002e-10;

    /// <summary>
    /// <c>σ(z) = 1/(1 + e^−z)</c>: 0 and 1 at the infinities, NaN for NaN. Below <c>z ≈ −87.3</c> (float) or −708
    /// (double), where σ is below the smallest normal number, the result is about that smallest normal rather than
    /// the subnormal σ: an absolute error under 1e-38 (float).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<T> Sigmoid<T>(Vector<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // e^−z = s·(1 + m) with s = 2^n: the denominator 1 + e^−z is one multiply-add, m·s + (s + 1).
        Vector<T> m = ExpParts(-z, out Vector<T> s);
        return Vector<T>.One / VectorMath.MultiplyAdd(m, s, s + Vector<T>.One);
    }

    /// <summary>The scalar <see cref="Sigmoid{T}(Vector{T})"/>, for the units after the last whole vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Sigmoid<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => T.One / (T.One + T.Exp(-z));

    /// <summary>
    /// <c>tanh(z) = (e^(2z) − 1)/(e^(2z) + 1)</c> with <c>e^(2z) = s·(1 + m)</c>, <c>s = 2^n</c>: numerator
    /// <c>m·s + (s − 1)</c> and denominator <c>m·s + (s + 1)</c>. For <c>|2z| ≤ ln 2/2</c>, <c>s = 1</c> and the
    /// numerator is <c>m = e^(2z) − 1</c> itself, computed without cancellation, so tanh keeps full relative
    /// precision near 0 (where <c>1 − 2/(e^(2z) + 1)</c> would have only absolute precision); it reaches ±1 exactly
    /// as <c>|z|</c> grows. NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<T> Tanh<T>(Vector<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> m = ExpParts(z + z, out Vector<T> s);
        return VectorMath.MultiplyAdd(m, s, s - Vector<T>.One) / VectorMath.MultiplyAdd(m, s, s + Vector<T>.One);
    }

    /// <summary>The scalar <see cref="Tanh{T}(Vector{T})"/>, for the units after the last whole vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Tanh<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => T.Tanh(z);

    /// <summary>A gate's or a plain RNN unit's nonlinearity, for <see cref="GateUnits"/>.</summary>
    private enum Nonlinearity
    {
        Sigmoid,
        Tanh,
        ReLU,
    }

    /// <summary>
    /// <c>values = act(z)</c> for <paramref name="count"/> units, a vector at a time, then one by one
    /// (<paramref name="values"/> may be <paramref name="z"/>).
    /// </summary>
    private static void GateUnits<T>(int count, Nonlinearity act, ref T z, ref T values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k + Vector<T>.Count <= count; k += Vector<T>.Count)
            {
                Vector<T> v = Vector.LoadUnsafe(ref z, (nuint)k);
                Vector.StoreUnsafe(act switch { Nonlinearity.Sigmoid => Sigmoid(v), Nonlinearity.Tanh => Tanh(v), _ => Vector.Max(v, Vector<T>.Zero) }, ref values, (nuint)k);
            }
        }

        for (; k < count; k++)
        {
            T v = Unsafe.Add(ref z, k);
            Unsafe.Add(ref values, k) = act switch { Nonlinearity.Sigmoid => Sigmoid(v), Nonlinearity.Tanh => Tanh(v), _ => T.Max(v, T.Zero) };
        }
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
    private static Vector<T> ExpParts<T>(Vector<T> x, out Vector<T> scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Vector<float> m = ExpPartsSingle(x.As<T, float>(), out Vector<float> s);
            scale = s.As<float, T>();
            return m.As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            Vector<double> m = ExpPartsDouble(x.As<T, double>(), out Vector<double> s);
            scale = s.As<double, T>();
            return m.As<double, T>();
        }

        throw new NotSupportedException($"No vector exponential for {typeof(T)}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpPartsSingle(Vector<float> x, out Vector<float> scale)
    {
        // MaxNative/MinNative are single instructions; with the constant first, x86 returns the second operand, x,
        // when it is NaN, so NaN goes through (Arm's instructions return NaN anyway).
        x = Vector.MinNative(new Vector<float>(88.02f), Vector.MaxNative(new Vector<float>(-87.33654f), x));
        Vector<float> magic = new(12582912f);
        Vector<float> shifted = Vector.MultiplyAddEstimate(x, new Vector<float>(1.44269504088896341f), magic);
        Vector<float> n = shifted - magic;
        Vector<float> r = Vector.MultiplyAddEstimate(n, new Vector<float>(-0.693145751953125f), x);

        // Cephes' expf polynomial, e^r − 1 ≈ r + r²·(p5 + p4·r + … + p0·r^5), within one ulp; Estrin's scheme,
        // r + r²·(p5 + p4·r) + r⁴·((p3 + p2·r) + r²·(p1 + p0·r)), for a short dependency chain.
        Vector<float> r2 = r * r;
        Vector<float> p01 = Vector.MultiplyAddEstimate(new Vector<float>(1.9875691500e-4f), r, new Vector<float>(1.3981999507e-3f));
        Vector<float> p23 = Vector.MultiplyAddEstimate(new Vector<float>(8.3334519073e-3f), r, new Vector<float>(4.1665795894e-2f));
        Vector<float> p45 = Vector.MultiplyAddEstimate(new Vector<float>(1.6666665459e-1f), r, new Vector<float>(5.0000001201e-1f));
        Vector<float> low = Vector.MultiplyAddEstimate(r2, p45, r);
        Vector<float> high = Vector.MultiplyAddEstimate(p01, r2, p23);
        Vector<float> m = Vector.MultiplyAddEstimate(high, r2 * r2, low);

        Vector<float> power = ((shifted.As<float, int>() << 23) + new Vector<int>(127 << 23)).As<int, float>();
        scale = Vector.MultiplyAddEstimate(power, n * new Vector<float>(-1.428606765330187045e-06f), power);
        return m;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ExpPartsDouble(Vector<double> x, out Vector<double> scale)
    {
        x = Vector.MinNative(new Vector<double>(709.0), Vector.MaxNative(new Vector<double>(-708.0), x));
        Vector<double> magic = new(6755399441055744.0);
        Vector<double> shifted = Vector.MultiplyAddEstimate(x, new Vector<double>(1.4426950408889634), magic);
        Vector<double> n = shifted - magic;
        Vector<double> r = Vector.MultiplyAddEstimate(n, new Vector<double>(-DoubleLn2Hi), x);

        // Taylor: e^r − 1 = r + r²·Σ_k r^k/(k + 2)!, k = 0 … 11, whose truncation error is below 5e-18 for
        // |r| ≤ 0.35; pairs, then quadruples, then eights (Estrin).
        Vector<double> r2 = r * r;
        Vector<double> r4 = r2 * r2;
        Vector<double> p01 = Vector.MultiplyAddEstimate(new Vector<double>(1.0 / 6), r, new Vector<double>(1.0 / 2));
        Vector<double> p23 = Vector.MultiplyAddEstimate(new Vector<double>(1.0 / 120), r, new Vector<double>(1.0 / 24));
        Vector<double> p45 = Vector.MultiplyAddEstimate(new Vector<double>(1.0 / 5040), r, new Vector<double>(1.0 / 720));
        Vector<double> p67 = Vector.MultiplyAddEstimate(new Vector<double>(1.0 / 362880), r, new Vector<double>(1.0 / 40320));
        Vector<double> p89 = Vector.MultiplyAddEstimate(new Vector<double>(1.0 / 39916800), r, new Vector<double>(1.0 / 3628800));
        Vector<double> p1011 = Vector.MultiplyAddEstimate(new Vector<double>(1.0 / 6227020800), r, new Vector<double>(1.0 / 479001600));
        Vector<double> p03 = Vector.MultiplyAddEstimate(p23, r2, p01);
        Vector<double> p47 = Vector.MultiplyAddEstimate(p67, r2, p45);
        Vector<double> p811 = Vector.MultiplyAddEstimate(p1011, r2, p89);
        Vector<double> p = Vector.MultiplyAddEstimate(Vector.MultiplyAddEstimate(p811, r4, p47), r4, p03);
        Vector<double> m = Vector.MultiplyAddEstimate(p, r2, r);

        // e^(−n·ln2Lo) = 1 − d + d²/2 with d = n·ln2Lo ≤ 1.4e-7: the cube is below 1e-21.
        Vector<double> power = ((shifted.As<double, long>() << 52) + new Vector<long>(1023L << 52)).As<long, double>();
        Vector<double> d = n * new Vector<double>(DoubleLn2Lo);
        Vector<double> correction = Vector.MultiplyAddEstimate(d * new Vector<double>(0.5), d, -d);
        scale = Vector.MultiplyAddEstimate(power, correction, power);
        return m;
    }
}
