using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNN.Kernels;

/// <summary>How a tile's finished sums reach the output.</summary>
internal interface ITileStore<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    static abstract void Store<TVector, TWidth>(TVector sums, ref T target, T slope)
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>;
}

/// <summary>
/// Overwrites the output with the activation of the sums (the slope is LeakyReLU's), which then costs no pass of its
/// own; or, for the activations <see cref="RegisterTiles.ActivatesInStore"/> leaves out of tiles, with the sums
/// themselves, which the caller then activates in a pass of its own.
/// </summary>
internal readonly struct Overwrite<T, TActivation> : ITileStore<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TActivation : IActivationFunction<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TVector, TWidth>(TVector sums, ref T target, T slope)
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector> =>
        TWidth.Store(InStore ? TWidth.Apply<TActivation>(sums, slope) : sums, ref target, 0);

    // A static readonly field, not a call: optimized code reads it as a constant (Tier 1 after the type is initialized,
    // Native AOT's preinitialized statics), and drops the branch it rules out before spending the inlining budget on
    // it. Behind a call, tanh's exponential was inlined into every store and crowded out the tile itself (a tanh
    // LeNet 12.9 → 17 µs). Only speed depends on it: either branch computes the right values.
    private static readonly bool InStore = RegisterTiles.ActivatesInStore<T, TActivation>();
}

/// <summary>How a weight gradient's sums reach their target, also one value at a time (the columns no vector covers).</summary>
internal interface IGradientStore<T> : ITileStore<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    static abstract void StoreOne(T sum, ref T target, T slope);
}

/// <summary>Adds the sums to the output: a gradient accumulated over the blocks of a minibatch.</summary>
internal readonly struct AddTo<T> : IGradientStore<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TVector, TWidth>(TVector sums, ref T target, T slope)
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector> => TWidth.Store(TWidth.Add(TWidth.Load(ref target, 0), sums), ref target, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreOne(T sum, ref T target, T slope) => target += sum;
}

/// <summary>
/// Takes a plain SGD step with the sums as the gradient, <c>target ← (sums + 0)·slope + target</c> where the slope is
/// <c>−η</c>: the sums added to a zero gradient, then the multiply and the add of <see cref="SgdKernel.ApplyAndClear"/>,
/// so a step straight from a block's sums gives the bits of adding them to zeroed gradients and applying those (the
/// <c>+ 0</c> turns a sum of −0 into +0 as that route does, which keeps a weight of −0 at −0).
/// </summary>
internal readonly struct SgdStep<T> : IGradientStore<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TVector, TWidth>(TVector sums, ref T target, T slope)
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector> =>
        TWidth.Store(TWidth.Add(TWidth.Multiply(TWidth.Add(sums, TWidth.Zero), TWidth.Broadcast(slope)), TWidth.Load(ref target, 0)), ref target, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreOne(T sum, ref T target, T slope) => target = ((sum + T.Zero) * slope) + target;
}
