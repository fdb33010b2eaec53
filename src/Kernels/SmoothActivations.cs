using System.Numerics;

namespace GenNN.Kernels;

// The activations whose derivative needs the input z, so only an activation layer (which keeps its input) applies
// them. They are PyTorch's functions, computed by its formulas (its CPU kernels in
// aten/src/ATen/native/cpu/Activation.cpp) except GELUTanh's, rearranged to avoid a cancellation, so results agree to
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

/// <summary>
/// GELU's tanh approximation, <c>a = z/2·(1 + tanh(u))</c> with <c>u = √(2/π)·(z + 0.044715·z³)</c>, computed as
/// <c>z·σ(2u)</c> (the same function: <c>1 + tanh(u) = 2σ(2u)</c>), which has no cancellation where <c>tanh(u)</c>
/// nears −1: in float <c>1 + tanh(u)</c> loses every digit by <c>u = −8.4</c>, in the tail of GELU's slope.
/// <c>f' = σ(2u) + 2z·σ(2u)·σ(−2u)·u'</c>.
/// </summary>
public readonly struct GELUTanhActivation<T> : IElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // √(2/π), the approximation's scale.
    private const double Sqrt2OverPi = 0.79788456080286535588;

    private const double Cubic = 0.044715;

    /// <inheritdoc/>
    public static Vector<T> Apply(Vector<T> z, T parameter) => z * VectorMath.Sigmoid(TwiceInner(z));

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> z, Vector<T> a, T parameter)
    {
        // σ(2u)·(1 − σ(2u)) as σ(2u)·σ(−2u): no cancellation where σ(2u) nears 1 either.
        Vector<T> twiceInner = TwiceInner(z);
        Vector<T> sigmoid = VectorMath.Sigmoid(twiceInner);
        Vector<T> complement = VectorMath.Sigmoid(-twiceInner);
        Vector<T> innerDerivative = (Vector<T>.One + ((z * z) * (T.CreateTruncating(3) * T.CreateTruncating(Cubic)))) * T.CreateTruncating(Sqrt2OverPi);

        // Where σ(2u)·σ(−2u) is 0 the term is 0, even where z² has overflowed u' to ∞.
        Vector<T> spread = sigmoid * complement;
        Vector<T> term = Vector.ConditionalSelect(Vector.Equals(spread, Vector<T>.Zero), Vector<T>.Zero, (z + z) * spread * innerDerivative);
        return delta * (sigmoid + term);
    }

    /// <summary><c>2u</c>, with the cube as ONNX export composes it, <c>((0.044715·z)·z)·z</c>.</summary>
    private static Vector<T> TwiceInner(Vector<T> z)
    {
        Vector<T> inner = (z + (new Vector<T>(T.CreateTruncating(Cubic)) * z * z * z)) * T.CreateTruncating(Sqrt2OverPi);
        return inner + inner;
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
