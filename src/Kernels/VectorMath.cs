using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNN.Kernels;

/// <summary>
/// <see cref="Vector{T}"/> operations generic over the element type: those .NET offers only per element type
/// (multiply-add, logarithm), made generic (the <c>typeof</c> tests are compile-time constants: each instantiation
/// keeps one branch), and <see cref="VectorExponentials"/>' functions at <see cref="Vector{T}"/>'s width.
/// </summary>
internal static partial class VectorMath
{
    /// <summary>
    /// <c>left·right + addend</c>, fused (one rounding) where the processor has fused multiply-add, which every x64
    /// processor since 2013 and every ARM64 one has; a multiply then an add where it has not.
    /// </summary>
    /// <remarks>
    /// Not <see cref="Vector.FusedMultiplyAdd(Vector{float}, Vector{float}, Vector{float})"/>: that one is exact everywhere,
    /// so without the instruction it computes each lane in software, about twenty times slower. Native AOT's default
    /// target (x86-64-v2) has no FMA, and there a 2→32→32→2 network took 2.7 µs instead of 0.11 µs.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd<T>(Vector<T> left, Vector<T> right, Vector<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector.MultiplyAddEstimate(left.As<T, float>(), right.As<T, float>(), addend.As<T, float>()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector.MultiplyAddEstimate(left.As<T, double>(), right.As<T, double>(), addend.As<T, double>()).As<double, T>();
        }

        return (left * right) + addend;
    }

    /// <summary>
    /// <c>e^x</c> (<see cref="VectorExponentials.Exp{T, TVector, TWidth}"/> at <see cref="Vector{T}"/>'s width), 0 below
    /// its range and ∞ above: where it would be subnormal it is 0, so a product with a large factor stays 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Exp<T>(Vector<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (Vector<T> low, Vector<T> high) = ExpRange<T>();
        Vector<T> exp = VectorExponentials.Exp<T, Vector<T>, VectorTWidth<T>>(x);
        exp = Vector.ConditionalSelect(Vector.LessThan(x, low), Vector<T>.Zero, exp);
        return Vector.ConditionalSelect(Vector.GreaterThan(x, high), new Vector<T>(T.PositiveInfinity), exp);
    }

    /// <summary><see cref="VectorExponentials.ExpMinusOne{T, TVector, TWidth}"/> at <see cref="Vector{T}"/>'s width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> ExpMinusOne<T>(Vector<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
        => VectorExponentials.ExpMinusOne<T, Vector<T>, VectorTWidth<T>>(x);

    /// <summary>
    /// σ (<see cref="VectorExponentials.Sigmoid{T, TVector, TWidth}"/> at <see cref="Vector{T}"/>'s width), 0 where
    /// <c>e^−z</c> leaves its range: SiLU's <c>z·σ(z)</c> is then 0 for a huge negative z, not z times a subnormal floor.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Sigmoid<T>(Vector<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Vector.ConditionalSelect(Vector.LessThan(z, -ExpRange<T>().High), Vector<T>.Zero, VectorExponentials.Sigmoid<T, Vector<T>, VectorTWidth<T>>(z));

    /// <summary><see cref="VectorExponentials.Tanh{T, TVector, TWidth}"/> at <see cref="Vector{T}"/>'s width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Tanh<T>(Vector<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => VectorExponentials.Tanh<T, Vector<T>, VectorTWidth<T>>(z);

    /// <summary>The arguments <see cref="VectorExponentials"/>' exponential takes as they are, in <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<T> Low, Vector<T> High) ExpRange<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
        => typeof(T) == typeof(float)
            ? (new Vector<T>(T.CreateTruncating(VectorExponentials.FloatExpLow)), new Vector<T>(T.CreateTruncating(VectorExponentials.FloatExpHigh)))
            : (new Vector<T>(T.CreateTruncating(VectorExponentials.DoubleExpLow)), new Vector<T>(T.CreateTruncating(VectorExponentials.DoubleExpHigh)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Log<T>(Vector<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector.Log(x.As<T, float>()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector.Log(x.As<T, double>()).As<double, T>();
        }

        throw new NotSupportedException($"No vector logarithm for {typeof(T)}.");
    }
}
