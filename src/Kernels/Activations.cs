using System.Numerics;

namespace GenNN.Kernels;

/// <summary><c>a = z</c>.</summary>
public readonly struct IdentityActivation<T> : IActivationFunction<T>, IElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static Vector<T> Apply(Vector<T> z, T slope) => z;

    /// <inheritdoc/>
    public static T Apply(T z, T slope) => z;

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> a, T slope) => delta;

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> z, Vector<T> a, T slope) => Backward(delta, a, slope);

    /// <inheritdoc/>
    public static T Backward(T delta, T a, T slope) => delta;
}

/// <summary><c>a = max(z, 0)</c>; the derivative tests <c>a &gt; 0</c>, which equals <c>z &gt; 0</c>.</summary>
public readonly struct ReLUActivation<T> : IActivationFunction<T>, IElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static Vector<T> Apply(Vector<T> z, T slope) => Vector.Max(z, Vector<T>.Zero);

    /// <inheritdoc/>
    public static T Apply(T z, T slope) => T.Max(z, T.Zero);

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> a, T slope)
        => Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<T>.Zero), delta, Vector<T>.Zero);

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> z, Vector<T> a, T slope) => Backward(delta, a, slope);

    /// <inheritdoc/>
    public static T Backward(T delta, T a, T slope) => a > T.Zero ? delta : T.Zero;
}

/// <summary><c>a = z</c> for <c>z &gt; 0</c>, else <c>slope·z</c>; with <c>0 ≤ slope &lt; 1</c>, <c>a &gt; 0</c> exactly when <c>z &gt; 0</c>.</summary>
public readonly struct LeakyReLUActivation<T> : IActivationFunction<T>, IElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static Vector<T> Apply(Vector<T> z, T slope)
        => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<T>.Zero), z, z * slope);

    /// <inheritdoc/>
    public static T Apply(T z, T slope) => z > T.Zero ? z : slope * z;

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> a, T slope)
        => Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<T>.Zero), delta, delta * slope);

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> z, Vector<T> a, T slope) => Backward(delta, a, slope);

    /// <inheritdoc/>
    public static T Backward(T delta, T a, T slope) => a > T.Zero ? delta : slope * delta;
}

/// <summary><c>a = 1 / (1 + e^−z)</c>, <c>f' = a(1 − a)</c>.</summary>
public readonly struct SigmoidActivation<T> : IActivationFunction<T>, IElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static Vector<T> Apply(Vector<T> z, T slope) => VectorMath.Sigmoid(z);

    /// <inheritdoc/>
    public static T Apply(T z, T slope) => T.One / (T.One + T.Exp(-z));

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> a, T slope) => delta * a * (Vector<T>.One - a);

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> z, Vector<T> a, T slope) => Backward(delta, a, slope);

    /// <inheritdoc/>
    public static T Backward(T delta, T a, T slope) => delta * a * (T.One - a);
}

/// <summary>
/// <c>a = tanh(z)</c>, to a few ulps relative to its value, near 0 too (from one exponential and one division);
/// <c>f' = 1 − a²</c>.
/// </summary>
public readonly struct TanhActivation<T> : IActivationFunction<T>, IElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static Vector<T> Apply(Vector<T> z, T slope) => VectorMath.Tanh(z);

    /// <inheritdoc/>
    public static T Apply(T z, T slope) => T.Tanh(z);

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> a, T slope) => delta * (Vector<T>.One - (a * a));

    /// <inheritdoc/>
    public static Vector<T> Backward(Vector<T> delta, Vector<T> z, Vector<T> a, T slope) => Backward(delta, a, slope);

    /// <inheritdoc/>
    public static T Backward(T delta, T a, T slope) => delta * (T.One - (a * a));
}
