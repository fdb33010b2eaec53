using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

using static GenNN.Kernels.VectorExponentials;

namespace GenNN.Kernels;

/// <summary>
/// The gate nonlinearities as types (σ and tanh from <see cref="VectorExponentials"/>, and ReLU for the plain RNN),
/// and the passes that apply them to a gate's units.
/// </summary>
public static partial class RecurrentKernel
{
    /// <summary>σ for the units after the last whole vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Sigmoid<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => T.One / (T.One + T.Exp(-z));

    /// <summary>tanh for the units after the last whole vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Tanh<T>(T z)
        where T : unmanaged, IFloatingPointIeee754<T>
        => T.Tanh(z);

    /// <summary>A gate's or a plain RNN unit's nonlinearity, as a type: each <see cref="GateUnits"/> is compiled for one.</summary>
    private interface IGateFunction<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        static abstract TVector Apply<TVector, TWidth>(TVector z)
            where TVector : struct
            where TWidth : IVectorWidth<T, TVector>;

        static abstract T Apply(T z);
    }

    private readonly struct SigmoidGate<T> : IGateFunction<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TVector, TWidth>(TVector z)
            where TVector : struct
            where TWidth : IVectorWidth<T, TVector> => Sigmoid<T, TVector, TWidth>(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Apply(T z) => Sigmoid(z);
    }

    private readonly struct TanhGate<T> : IGateFunction<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TVector, TWidth>(TVector z)
            where TVector : struct
            where TWidth : IVectorWidth<T, TVector> => Tanh<T, TVector, TWidth>(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Apply(T z) => Tanh(z);
    }

    private readonly struct ReLUGate<T> : IGateFunction<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TVector, TWidth>(TVector z)
            where TVector : struct
            where TWidth : IVectorWidth<T, TVector> => TWidth.Max(z, TWidth.Zero);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Apply(T z) => T.Max(z, T.Zero);
    }

    /// <summary>
    /// <c>values = f(z)</c> for <paramref name="count"/> units, <c>f</c> being <typeparamref name="TGate"/>, in
    /// <see cref="Vector512{T}"/>s where the processor has them (<see cref="VectorWidth"/>: measured 1.35× faster for σ
    /// than <see cref="Vector{T}"/>'s 256 bits on Zen 4, whose vector pipes are 256 bits wide: half the instructions),
    /// then in <see cref="Vector{T}"/>s, then one by one (<paramref name="values"/> may be <paramref name="z"/>). Every
    /// vector width gives the same bits, lane for lane; the units after the last whole vector take the scalar formulas.
    /// The other elementwise kernels of the cells split their units the same way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GateUnits<T, TGate>(int count, ref T z, ref T values)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TGate : IGateFunction<T>
    {
        int k = 0;
        if (VectorWidth.UsesVector512<T>())
        {
            k = GateVectors<T, TGate, Vector512<T>, Vector512Width<T>>(count, 0, ref z, ref values);
        }

        if (Vector.IsHardwareAccelerated)
        {
            k = GateVectors<T, TGate, Vector<T>, VectorTWidth<T>>(count, k, ref z, ref values);
        }

        for (; k < count; k++)
        {
            Unsafe.Add(ref values, k) = TGate.Apply(Unsafe.Add(ref z, k));
        }
    }

    /// <summary><see cref="GateUnits"/>' whole vectors at one width from unit <paramref name="first"/> on; returns the first unit they leave.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GateVectors<T, TGate, TVector, TWidth>(int count, int first, ref T z, ref T values)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TGate : IGateFunction<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        int k = first;
        for (; k + TWidth.Count <= count; k += TWidth.Count)
        {
            TWidth.Store(TGate.Apply<TVector, TWidth>(TWidth.Load(ref z, (nuint)k)), ref values, (nuint)k);
        }

        return k;
    }

    /// <summary>
    /// <see cref="GateUnits"/> for the same units of <paramref name="rows"/> samples, their pre-activations
    /// <paramref name="zStride"/> apart and their values <paramref name="valuesStride"/> apart: one call for a gate of a
    /// whole block instead of one per sample. A root of its own, compiled for one function, so that it inlines.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void GateRows<T, TGate>(int count, int rows, ref T z, int zStride, ref T values, int valuesStride)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TGate : IGateFunction<T>
    {
        for (int r = 0; r < rows; r++)
        {
            GateUnits<T, TGate>(count, ref Unsafe.Add(ref z, r * zStride), ref Unsafe.Add(ref values, r * valuesStride));
        }
    }
}
