using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNN.Kernels;

/// <summary>
/// The weight-gradient pass of a dense layer over a block of samples at once:
/// <c>W'[i, :] += Σ_s x_s[i]·dz_s</c> and <c>b' += Σ_s dz_s</c>. Done sample by sample, every sample reads and
/// writes the whole gradient matrix; here a tile of 4 rows × 2 vectors of the gradient stays in eight registers
/// while the loop runs over the samples, so each gradient element is loaded and stored once per block (a small
/// matrix multiplication <c>Xᵀ·DZ</c>, register-blocked). Samples are rows of strided views into the generated
/// code's scratch: sample <c>s</c>'s inputs start at <c>s·inputStride</c>, its deltas at <c>s·deltaStride</c>.
/// The sum over samples runs in sample order, so the result does not depend on how a caller splits its work.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseBatchKernel
{
    private const int RowsPerTile = 4;

    /// <summary>Adds the weight and bias gradients of <paramref name="batch"/> samples (see the type's summary).</summary>
    public static void AccumulateGradients<T>(
        ReadOnlySpan<T> inputs, int inputStride, ReadOnlySpan<T> deltas, int deltaStride, int batch, Span<T> weightGradients, Span<T> biasGradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outputs = biasGradients.Length;
        int inputCount = weightGradients.Length / outputs;
        ref T x = ref MemoryMarshal.GetReference(inputs);
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T gw = ref MemoryMarshal.GetReference(weightGradients);
        for (int s = 0; s < batch; s++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(biasGradients, deltas.Slice(s * deltaStride, outputs), biasGradients);
        }

        int lanes = Vector<T>.Count;
        int column = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; column + (2 * lanes) <= outputs; column += 2 * lanes)
            {
                int i = 0;
                for (; i + RowsPerTile <= inputCount; i += RowsPerTile)
                {
                    TileOfFourRows(ref x, inputStride, ref d, deltaStride, batch, ref gw, outputs, i, column);
                }

                for (; i < inputCount; i++)
                {
                    TileOfOneRow(ref x, inputStride, ref d, deltaStride, batch, ref gw, outputs, i, column);
                }
            }
        }

        for (; column < outputs; column++)
        {
            for (int i = 0; i < inputCount; i++)
            {
                T sum = T.Zero;
                for (int s = 0; s < batch; s++)
                {
                    sum += Unsafe.Add(ref x, (s * inputStride) + i) * Unsafe.Add(ref d, (s * deltaStride) + column);
                }

                Unsafe.Add(ref gw, (i * outputs) + column) += sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TileOfFourRows<T>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int outputs, int row, int column)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        Vector<T> g00 = Vector<T>.Zero, g01 = Vector<T>.Zero;
        Vector<T> g10 = Vector<T>.Zero, g11 = Vector<T>.Zero;
        Vector<T> g20 = Vector<T>.Zero, g21 = Vector<T>.Zero;
        Vector<T> g30 = Vector<T>.Zero, g31 = Vector<T>.Zero;
        ref T sampleInputs = ref Unsafe.Add(ref x, row);
        ref T sampleDeltas = ref Unsafe.Add(ref d, column);
        for (int s = 0; s < batch; s++)
        {
            Vector<T> dz0 = Vector.LoadUnsafe(ref sampleDeltas);
            Vector<T> dz1 = Vector.LoadUnsafe(ref sampleDeltas, (nuint)lanes);
            var x0 = new Vector<T>(sampleInputs);
            var x1 = new Vector<T>(Unsafe.Add(ref sampleInputs, 1));
            var x2 = new Vector<T>(Unsafe.Add(ref sampleInputs, 2));
            var x3 = new Vector<T>(Unsafe.Add(ref sampleInputs, 3));
            g00 = VectorMath.MultiplyAdd(dz0, x0, g00);
            g01 = VectorMath.MultiplyAdd(dz1, x0, g01);
            g10 = VectorMath.MultiplyAdd(dz0, x1, g10);
            g11 = VectorMath.MultiplyAdd(dz1, x1, g11);
            g20 = VectorMath.MultiplyAdd(dz0, x2, g20);
            g21 = VectorMath.MultiplyAdd(dz1, x2, g21);
            g30 = VectorMath.MultiplyAdd(dz0, x3, g30);
            g31 = VectorMath.MultiplyAdd(dz1, x3, g31);
            sampleInputs = ref Unsafe.Add(ref sampleInputs, inputStride);
            sampleDeltas = ref Unsafe.Add(ref sampleDeltas, deltaStride);
        }

        ref T tile = ref Unsafe.Add(ref gw, (row * outputs) + column);
        AddPair(ref tile, g00, g01);
        AddPair(ref Unsafe.Add(ref tile, outputs), g10, g11);
        AddPair(ref Unsafe.Add(ref tile, 2 * outputs), g20, g21);
        AddPair(ref Unsafe.Add(ref tile, 3 * outputs), g30, g31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TileOfOneRow<T>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int outputs, int row, int column)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        Vector<T> g0 = Vector<T>.Zero, g1 = Vector<T>.Zero;
        ref T sampleInputs = ref Unsafe.Add(ref x, row);
        ref T sampleDeltas = ref Unsafe.Add(ref d, column);
        for (int s = 0; s < batch; s++)
        {
            var xi = new Vector<T>(sampleInputs);
            g0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref sampleDeltas), xi, g0);
            g1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref sampleDeltas, (nuint)lanes), xi, g1);
            sampleInputs = ref Unsafe.Add(ref sampleInputs, inputStride);
            sampleDeltas = ref Unsafe.Add(ref sampleDeltas, deltaStride);
        }

        AddPair(ref Unsafe.Add(ref gw, (row * outputs) + column), g0, g1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair<T>(ref T target, Vector<T> first, Vector<T> second)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector.StoreUnsafe(Vector.LoadUnsafe(ref target) + first, ref target);
        Vector.StoreUnsafe(Vector.LoadUnsafe(ref target, (nuint)Vector<T>.Count) + second, ref target, (nuint)Vector<T>.Count);
    }
}
