using System.Numerics;

namespace GenNN.Kernels;

/// <summary>
/// An activation as an activation layer applies it (<see cref="ActivationLayerKernel"/>), lane by lane. Unlike an
/// <see cref="IActivationFunction{T}"/>, which a dense or convolution kernel fuses and so must differentiate from
/// its output alone, its derivative may read the input <c>z</c> too, which an activation layer keeps: GELU, SiLU,
/// ELU and Softplus need it.
/// </summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>.</typeparam>
public interface IElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary><c>f(z)</c> lane by lane; <paramref name="parameter"/> is LeakyReLU's negative slope or ELU's alpha (ignored by the others).</summary>
    static abstract Vector<T> Apply(Vector<T> z, T parameter);

    /// <summary><c>dL/dz = dL/da · f'(z)</c>, from the input <paramref name="z"/> or the output <paramref name="a"/>, whichever the formula reads.</summary>
    static abstract Vector<T> Backward(Vector<T> delta, Vector<T> z, Vector<T> a, T parameter);
}
