using System.Numerics;

namespace GenNN.Kernels;

// The activations whose derivative needs the input z, so only an activation layer (which keeps its input) applies
// them. Formulas are PyTorch's (its CPU kernels in aten/src/ATen/native/cpu/Activation.cpp), so results agree to
// rounding; ActivationMath gives each one value at a time through these same lanes. The exponentials, σ and tanh are
// VectorExponentials', as are the fused activations' and the recurrent gates'.

/// <summary>
/// <c>a = z</c> for <c>z &gt; 0</c>, else <c>alpha·(e^z − 1)</c> (with <c>e^z − 1</c> computed without cancellation,
/// as PyTorch's <c>expm1</c>); <c>f' = 1</c>, else <c>alpha·e^z</c>.
/// </summary>
public readonly struct ELUActivation<T> : IElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static Vector<T> Apply(Vector<T> z, T alpha)
        => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<T>.Zero), z, VectorMath.ExpMinusOne(z) * alpha);

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> z, Vector<T> a, T alpha)
        => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<T>.Zero), delta, delta * (VectorMath.Exp(z) * alpha));
}

/// <summary>Exact GELU, <c>a = z·Φ(z) = z/2·(1 + erf(z/√2))</c>; <c>f' = Φ(z) + z·φ(z)</c>.</summary>
public readonly struct GELUActivation<T> : IElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double InverseSqrt2 = 0.70710678118654752440;

    // 1/√(2π): the standard normal density's scale.
    private const double InverseSqrt2Pi = 0.39894228040143267794;

    /// <inheritdoc/>
    public static Vector<T> Apply(Vector<T> z, T parameter) => z * Half * (Vector<T>.One + Erf(z));

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> z, Vector<T> a, T parameter)
    {
        Vector<T> cdf = Half * (Vector<T>.One + Erf(z));
        Vector<T> pdf = VectorMath.Exp(-Half * z * z) * T.CreateTruncating(InverseSqrt2Pi);
        return delta * (cdf + (z * pdf));
    }

    private static Vector<T> Half => new(T.CreateTruncating(0.5));

    private static Vector<T> Erf(Vector<T> z) => VectorMath.Erf(z * T.CreateTruncating(InverseSqrt2));
}

/// <summary>GELU's tanh approximation, <c>a = z/2·(1 + tanh(√(2/π)·(z + 0.044715·z³)))</c>.</summary>
public readonly struct GELUTanhActivation<T> : IElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // √(2/π), the approximation's scale.
    private const double Sqrt2OverPi = 0.79788456080286535588;

    private const double Cubic = 0.044715;

    /// <inheritdoc/>
    public static Vector<T> Apply(Vector<T> z, T parameter) => Half * z * (Vector<T>.One + Tanh(z));

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> z, Vector<T> a, T parameter)
    {
        Vector<T> tanh = Tanh(z);
        Vector<T> innerDerivative = (Vector<T>.One + (z * z * T.CreateTruncating(3 * Cubic))) * T.CreateTruncating(Sqrt2OverPi);
        return delta * ((Half * (Vector<T>.One + tanh)) + (Half * z * (Vector<T>.One - (tanh * tanh)) * innerDerivative));
    }

    private static Vector<T> Half => new(T.CreateTruncating(0.5));

    /// <summary>
    /// <c>tanh</c> of the inner term <c>u</c>, as <c>sign(u)·tanh(|u|)</c>: near −1 it keeps the distance from −1 that
    /// the derivative's <c>1 − tanh²</c> reads, as it does near +1 (from a negative <c>u</c> the exponential
    /// <c>e^(2u)</c> vanishes beside 1 in float already at <c>u = −8.4</c>, a tail of GELU's slope).
    /// </summary>
    private static Vector<T> Tanh(Vector<T> z)
    {
        Vector<T> inner = (z + (z * z * z * T.CreateTruncating(Cubic))) * T.CreateTruncating(Sqrt2OverPi);
        return VectorMath.Tanh(Vector.Abs(inner)) | (inner & new Vector<T>(T.NegativeZero));
    }
}

/// <summary>SiLU, <c>a = z·σ(z) = z / (1 + e^−z)</c>; <c>f' = σ(z)·(1 + z·(1 − σ(z)))</c>.</summary>
public readonly struct SiLUActivation<T> : IElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{

    /// <inheritdoc/>
    public static Vector<T> Apply(Vector<T> z, T parameter) => z * VectorMath.Sigmoid(z);

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> z, Vector<T> a, T parameter)
    {
        Vector<T> sigmoid = VectorMath.Sigmoid(z);
        return delta * (sigmoid * (Vector<T>.One + (z * (Vector<T>.One - sigmoid))));
    }
}

/// <summary>
/// Softplus, <c>a = ln(1 + e^z)</c>, or <c>z</c> above 20 (PyTorch's default threshold, beta 1), where it rounds to
/// <c>z</c>; <c>f' = σ(z)</c>, or 1 above 20.
/// </summary>
public readonly struct SoftplusActivation<T> : IElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static Vector<T> Threshold => new(T.CreateTruncating(20));

    /// <inheritdoc/>
    public static Vector<T> Apply(Vector<T> z, T parameter)
        => Vector.ConditionalSelect(Vector.GreaterThan(z, Threshold), z, LogOnePlus(VectorMath.Exp(z)));

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> z, Vector<T> a, T parameter)
    {
        Vector<T> exp = VectorMath.Exp(z);
        return Vector.ConditionalSelect(Vector.GreaterThan(z, Threshold), delta, delta * (exp / (exp + Vector<T>.One)));
    }

    /// <summary><c>ln(1 + x)</c>, accurate for small <c>x</c> too: the identity <c>x·ln(u)/(u − 1)</c> with <c>u = 1 + x</c> rounded.</summary>
    private static Vector<T> LogOnePlus(Vector<T> x)
    {
        Vector<T> u = Vector<T>.One + x;
        return Vector.ConditionalSelect(Vector.Equals(u, Vector<T>.One), x, VectorMath.Log(u) * x / (u - Vector<T>.One));
    }
}
