using System.Numerics;

namespace GenNN.Kernels;

/// <summary>
/// An activation as a type, so kernels are specialized for it by the JIT: no delegate, no virtual call, the
/// activation inlined into the kernel's inner loop. The backward form takes the activation's output <c>a</c>
/// (not <c>z</c>), which is what the forward pass keeps.
/// </summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>.</typeparam>
public interface IActivationFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary><c>f(z)</c> lane by lane; <paramref name="slope"/> is LeakyReLU's negative slope (ignored by the others).</summary>
    static abstract Vector<T> Apply(Vector<T> z, T slope);

    /// <summary><c>f(z)</c>.</summary>
    static abstract T Apply(T z, T slope);

    /// <summary><c>dL/dz = dL/da · f'(z)</c>, written in terms of <c>a = f(z)</c>.</summary>
    static abstract Vector<T> Backward(Vector<T> delta, Vector<T> a, T slope);

    /// <summary><c>dL/dz = dL/da · f'(z)</c>, written in terms of <c>a = f(z)</c>.</summary>
    static abstract T Backward(T delta, T a, T slope);
}
