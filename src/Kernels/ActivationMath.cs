using System;
using System.ComponentModel;
using System.Numerics;

namespace GenNN.Kernels;

/// <summary>
/// Scalar forms of the activations whose derivative needs the pre-activation <c>z</c>, with PyTorch's formulas (its
/// CPU kernels in <c>aten/src/ATen/native/cpu/Activation.cpp</c>), so results agree to rounding. Generated activation
/// layers call these.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationMath
{
    private const double InverseSqrt2 = 0.70710678118654752440;

    // 1/√(2π): the standard normal density's scale.
    private const double InverseSqrt2Pi = 0.39894228040143267794;

    // √(2/π), GELU's tanh approximation's scale.
    private const double Sqrt2OverPi = 0.79788456080286535588;

    private const double GeluTanhCubic = 0.044715;

    // Softplus returns z unchanged above this (PyTorch's default threshold, beta 1), where log(1 + e^z) rounds to z.
    private const double SoftplusThreshold = 20;

    /// <summary>ELU: <c>z</c> for <c>z &gt; 0</c>, else <c>alpha·(e^z − 1)</c>.</summary>
    public static T Elu<T>(T z, T alpha)
        where T : IFloatingPointIeee754<T>
        => z > T.Zero ? z : alpha * (T.Exp(z) - T.One);

    /// <summary>ELU's derivative: 1 for <c>z &gt; 0</c>, else <c>alpha·e^z</c>.</summary>
    public static T EluDerivative<T>(T z, T alpha)
        where T : IFloatingPointIeee754<T>
        => z > T.Zero ? T.One : alpha * T.Exp(z);

    /// <summary>Exact GELU: <c>z·Φ(z) = z/2·(1 + erf(z/√2))</c>.</summary>
    public static T Gelu<T>(T z)
        where T : IFloatingPointIeee754<T>
        => z * T.CreateTruncating(0.5) * (T.One + Erf(z * T.CreateTruncating(InverseSqrt2)));

    /// <summary>Exact GELU's derivative: <c>Φ(z) + z·φ(z)</c>.</summary>
    public static T GeluDerivative<T>(T z)
        where T : IFloatingPointIeee754<T>
    {
        T cdf = T.CreateTruncating(0.5) * (T.One + Erf(z * T.CreateTruncating(InverseSqrt2)));
        T pdf = T.Exp(T.CreateTruncating(-0.5) * z * z) * T.CreateTruncating(InverseSqrt2Pi);
        return cdf + (z * pdf);
    }

    /// <summary>GELU's tanh approximation: <c>z/2·(1 + tanh(√(2/π)·(z + 0.044715·z³)))</c>.</summary>
    public static T GeluTanh<T>(T z)
        where T : IFloatingPointIeee754<T>
    {
        T inner = T.CreateTruncating(Sqrt2OverPi) * (z + (T.CreateTruncating(GeluTanhCubic) * z * z * z));
        return T.CreateTruncating(0.5) * z * (T.One + T.Tanh(inner));
    }

    /// <summary>The tanh approximation's derivative.</summary>
    public static T GeluTanhDerivative<T>(T z)
        where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5);
        T scale = T.CreateTruncating(Sqrt2OverPi);
        T cubic = T.CreateTruncating(GeluTanhCubic);
        T tanh = T.Tanh(scale * (z + (cubic * z * z * z)));
        T innerDerivative = scale * (T.One + (T.CreateTruncating(3) * cubic * z * z));
        return (half * (T.One + tanh)) + (half * z * (T.One - (tanh * tanh)) * innerDerivative);
    }

    /// <summary>SiLU: <c>z·σ(z) = z / (1 + e^−z)</c>.</summary>
    public static T Silu<T>(T z)
        where T : IFloatingPointIeee754<T>
        => z / (T.One + T.Exp(-z));

    /// <summary>SiLU's derivative: <c>σ(z)·(1 + z·(1 − σ(z)))</c>.</summary>
    public static T SiluDerivative<T>(T z)
        where T : IFloatingPointIeee754<T>
    {
        T sigmoid = T.One / (T.One + T.Exp(-z));
        return sigmoid * (T.One + (z * (T.One - sigmoid)));
    }

    /// <summary>Softplus: <c>ln(1 + e^z)</c>, or <c>z</c> above 20.</summary>
    public static T Softplus<T>(T z)
        where T : IFloatingPointIeee754<T>
        => z > T.CreateTruncating(SoftplusThreshold) ? z : LogOnePlus(T.Exp(z));

    /// <summary>Softplus's derivative: <c>σ(z)</c>, or 1 above 20.</summary>
    public static T SoftplusDerivative<T>(T z)
        where T : IFloatingPointIeee754<T>
    {
        if (z > T.CreateTruncating(SoftplusThreshold))
        {
            return T.One;
        }

        T exp = T.Exp(z);
        return exp / (exp + T.One);
    }

    /// <summary>
    /// The error function to full double precision. For <c>|x| &lt; 6</c> it sums <c>erf(x) = 2/√π·e^(−x²)·Σ_n 2^n·x^(2n+1)/(1·3·…·(2n+1))</c>,
    /// whose terms are all positive (no cancellation, unlike the Taylor series); beyond, <c>erf</c> is ±1 in double.
    /// </summary>
    public static T Erf<T>(T x)
        where T : IFloatingPointIeee754<T>
        => T.CreateTruncating(Erf(double.CreateTruncating(x)));

    private static double Erf(double x)
    {
        double magnitude = Math.Abs(x);
        if (double.IsNaN(x))
        {
            return x;
        }

        if (magnitude >= 6)
        {
            return Math.Sign(x);
        }

        double square = magnitude * magnitude;
        double term = magnitude;
        double sum = magnitude;
        for (int n = 1; term > sum * 1e-17; n++)
        {
            term *= 2 * square / ((2 * n) + 1);
            sum += term;
        }

        double result = 2 / Math.Sqrt(Math.PI) * Math.Exp(-square) * sum;
        return x < 0 ? -result : result;
    }

    /// <summary><c>ln(1 + x)</c>, accurate for small <c>x</c> too (the identity <c>x·ln(u)/(u − 1)</c> with <c>u = 1 + x</c> rounded).</summary>
    private static T LogOnePlus<T>(T x)
        where T : IFloatingPointIeee754<T>
    {
        T u = T.One + x;
        return u == T.One ? x : T.Log(u) * x / (u - T.One);
    }
}
