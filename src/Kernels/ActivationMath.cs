using System.ComponentModel;
using System.Numerics;

namespace GenNN.Kernels;

/// <summary>
/// One value at a time, the activations whose derivative needs the pre-activation <c>z</c> (with PyTorch's formulas),
/// for generated code that applies them to single values: a network's output head. Each
/// computes one lane of the vector form an activation layer uses (<see cref="GELUActivation{T}"/> and the others in
/// <c>SmoothActivations.cs</c>), so a value is the same bits whichever path computes it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationMath
{
    /// <summary>ELU: <c>z</c> for <c>z &gt; 0</c>, else <c>alpha·(e^z − 1)</c>.</summary>
    public static T Elu<T>(T z, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
        => ELUActivation<T>.Apply(new Vector<T>(z), alpha)[0];

    /// <summary>ELU's derivative: 1 for <c>z &gt; 0</c>, else <c>alpha·e^z</c>.</summary>
    public static T EluDerivative<T>(T z, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Derivative<T, ELUActivation<T>>(z, alpha);

    /// <summary>Exact GELU: <c>z·Φ(z) = z/2·(1 + erf(z/√2))</c>.</summary>
    public static T Gelu<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => GELUActivation<T>.Apply(new Vector<T>(z), T.Zero)[0];

    /// <summary>Exact GELU's derivative: <c>Φ(z) + z·φ(z)</c>.</summary>
    public static T GeluDerivative<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Derivative<T, GELUActivation<T>>(z, T.Zero);

    /// <summary>GELU's tanh approximation: <c>z/2·(1 + tanh(√(2/π)·(z + 0.044715·z³)))</c>.</summary>
    public static T GeluTanh<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => GELUTanhActivation<T>.Apply(new Vector<T>(z), T.Zero)[0];

    /// <summary>The tanh approximation's derivative.</summary>
    public static T GeluTanhDerivative<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Derivative<T, GELUTanhActivation<T>>(z, T.Zero);

    /// <summary>SiLU: <c>z·σ(z) = z / (1 + e^−z)</c>.</summary>
    public static T Silu<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => SiLUActivation<T>.Apply(new Vector<T>(z), T.Zero)[0];

    /// <summary>SiLU's derivative: <c>σ(z)·(1 + z·(1 − σ(z)))</c>.</summary>
    public static T SiluDerivative<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Derivative<T, SiLUActivation<T>>(z, T.Zero);

    /// <summary>Softplus: <c>ln(1 + e^z)</c>, or <c>z</c> above 20.</summary>
    public static T Softplus<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => SoftplusActivation<T>.Apply(new Vector<T>(z), T.Zero)[0];

    /// <summary>Softplus's derivative: <c>σ(z)</c>, or 1 above 20.</summary>
    public static T SoftplusDerivative<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Derivative<T, SoftplusActivation<T>>(z, T.Zero);

    /// <summary>The error function, within an ulp in double and two in float (fdlibm's approximations, and in float a Chebyshev fit of erfc).</summary>
    public static T Erf<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T>
        => VectorMath.Erf(new Vector<T>(x))[0];

    // The backward form with dL/da = 1: f'(z) itself. None of these activations reads the output a.
    private static T Derivative<T, TActivation>(T z, T parameter)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IElementwiseActivation<T>
        => TActivation.Backward(Vector<T>.One, new Vector<T>(z), Vector<T>.Zero, parameter)[0];
}
