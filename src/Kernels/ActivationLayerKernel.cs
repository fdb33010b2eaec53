using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;

namespace GenNN.Kernels;

/// <summary>
/// An activation layer's passes over one sample's values: <c>y = f(x)</c> forward and <c>dx = dy·f'(x)</c>
/// backward, a <see cref="Vector{T}"/> of lanes at a time. The values after the last whole vector go through the
/// same vector code, padded with zeros, so each value is computed the same way wherever it sits in the sample and
/// however long the sample is. Generated networks call these with spans of equal length (not checked here: the
/// generated code guarantees them); the outputs may alias the inputs.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationLayerKernel
{
    /// <summary><c>y[i] = f(x[i])</c>.</summary>
    public static void Forward<T, TActivation>(ReadOnlySpan<T> x, Span<T> y, T parameter)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IElementwiseActivation<T>
    {
        int lanes = Vector<T>.Count;
        int whole = x.Length - (x.Length % lanes);
        ref T input = ref MemoryMarshal.GetReference(x);
        ref T output = ref MemoryMarshal.GetReference(y);
        for (int i = 0; i < whole; i += lanes)
        {
            Vector.StoreUnsafe(TActivation.Apply(Vector.LoadUnsafe(ref input, (nuint)i), parameter), ref output, (nuint)i);
        }

        if (whole < x.Length)
        {
            Span<T> padded = stackalloc T[lanes];
            Vector<T> tail = TActivation.Apply(Padded(x[whole..], padded), parameter);
            tail.CopyTo(padded);
            padded[..(x.Length - whole)].CopyTo(y[whole..]);
        }
    }

    /// <summary><c>dx[i] = dy[i]·f'(x[i])</c>, from the forward pass's input <paramref name="x"/> and output <paramref name="y"/>.</summary>
    public static void Backward<T, TActivation>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, T parameter)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IElementwiseActivation<T>
    {
        int lanes = Vector<T>.Count;
        int whole = x.Length - (x.Length % lanes);
        ref T input = ref MemoryMarshal.GetReference(x);
        ref T output = ref MemoryMarshal.GetReference(y);
        ref T outputDelta = ref MemoryMarshal.GetReference(dy);
        ref T inputDelta = ref MemoryMarshal.GetReference(dx);
        for (int i = 0; i < whole; i += lanes)
        {
            Vector<T> delta = TActivation.Backward(
                Vector.LoadUnsafe(ref outputDelta, (nuint)i), Vector.LoadUnsafe(ref input, (nuint)i), Vector.LoadUnsafe(ref output, (nuint)i), parameter);
            Vector.StoreUnsafe(delta, ref inputDelta, (nuint)i);
        }

        if (whole < x.Length)
        {
            Span<T> padded = stackalloc T[3 * lanes];
            Vector<T> tail = TActivation.Backward(
                Padded(dy[whole..], padded[..lanes]), Padded(x[whole..], padded.Slice(lanes, lanes)), Padded(y[whole..], padded[(2 * lanes)..]), parameter);
            tail.CopyTo(padded);
            padded[..(x.Length - whole)].CopyTo(dx[whole..]);
        }
    }

    /// <summary>The fewer than a vector's <paramref name="values"/> as a vector, zeros after them, built in <paramref name="buffer"/>.</summary>
    private static Vector<T> Padded<T>(ReadOnlySpan<T> values, Span<T> buffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        buffer.Clear();
        values.CopyTo(buffer);
        return new Vector<T>(buffer);
    }
}
