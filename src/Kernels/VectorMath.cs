using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNN.Kernels;

/// <summary>
/// The few <see cref="Vector{T}"/> operations that .NET offers only per element type (fused multiply-add,
/// exponential), made generic. The <c>typeof</c> tests are JIT-time constants: each instantiation keeps one branch.
/// </summary>
internal static class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd<T>(Vector<T> left, Vector<T> right, Vector<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector.FusedMultiplyAdd(left.As<T, float>(), right.As<T, float>(), addend.As<T, float>()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector.FusedMultiplyAdd(left.As<T, double>(), right.As<T, double>(), addend.As<T, double>()).As<double, T>();
        }

        return (left * right) + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Exp<T>(Vector<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector.Exp(x.As<T, float>()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector.Exp(x.As<T, double>()).As<double, T>();
        }

        throw new NotSupportedException($"No vector exponential for {typeof(T)}.");
    }
}
