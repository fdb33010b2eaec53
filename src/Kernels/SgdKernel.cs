using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNN.Kernels;

/// <summary>
/// The generated networks' plain SGD step, <c>θ ← θ − η·g</c> and then <c>g ← 0</c>, in one pass over both buffers:
/// each gradient vector is zeroed while it is still in a register's reach. As two passes (the update, then clearing the
/// gradient) the gradient buffer is streamed twice; for N3's 101,770 parameters, which live in L2, the two passes took
/// 29 µs and the one pass 12.6 µs. Each element is <c>(g·(−η)) + θ</c>, a multiply then an add, rounded twice, as
/// <see cref="System.Numerics.Tensors.TensorPrimitives.MultiplyAdd{T}(ReadOnlySpan{T}, T, ReadOnlySpan{T}, Span{T})"/>
/// computes it, so the results are those of the two-pass form bit for bit.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SgdKernel
{
    /// <summary>Adds <c>−learningRate·gradients</c> to <paramref name="parameters"/>, then zeroes <paramref name="gradients"/> (the same length).</summary>
    public static void ApplyAndClear<T>(Span<T> parameters, Span<T> gradients, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (parameters.Length != gradients.Length)
        {
            throw new ArgumentException($"The gradients must have as many values as the parameters, {parameters.Length}; they have {gradients.Length}.", nameof(gradients));
        }

        ref T theta = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradients);
        int length = parameters.Length;
        T scale = -learningRate;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            Vector512<T> factor = Vector512.Create(scale);
            for (; i + Vector512<T>.Count <= length; i += Vector512<T>.Count)
            {
                Vector512<T> step = Vector512.LoadUnsafe(ref g, (nuint)i) * factor;
                Vector512.StoreUnsafe(step + Vector512.LoadUnsafe(ref theta, (nuint)i), ref theta, (nuint)i);
                Vector512.StoreUnsafe(Vector512<T>.Zero, ref g, (nuint)i);
            }
        }
        else if (Vector.IsHardwareAccelerated)
        {
            var factor = new Vector<T>(scale);
            for (; i + Vector<T>.Count <= length; i += Vector<T>.Count)
            {
                Vector<T> step = Vector.LoadUnsafe(ref g, (nuint)i) * factor;
                Vector.StoreUnsafe(step + Vector.LoadUnsafe(ref theta, (nuint)i), ref theta, (nuint)i);
                Vector.StoreUnsafe(Vector<T>.Zero, ref g, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref theta, i) = (Unsafe.Add(ref g, i) * scale) + Unsafe.Add(ref theta, i);
            Unsafe.Add(ref g, i) = T.Zero;
        }
    }
}
