using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNN.Kernels;

/// <summary>
/// Dense-layer passes over a block of samples at once. The forward pass computes a tile of 4 samples × 2 vectors of
/// outputs in eight registers, so each weight vector loaded serves four samples. The weight-gradient pass,
/// <c>W'[i, :] += Σ_s x_s[i]·dz_s</c> and <c>b' += Σ_s dz_s</c>: done sample by sample, every sample would read and
/// write the whole gradient matrix; here a tile of 4 rows × 2 vectors of the gradient stays in eight registers
/// while the loop runs over the samples, so each gradient element is loaded and stored once per block (a small
/// matrix multiplication <c>Xᵀ·DZ</c>, register-blocked). Samples are rows of strided views into the generated
/// code's scratch: sample <c>s</c>'s inputs start at <c>s·inputStride</c>, its deltas at <c>s·deltaStride</c>.
/// The sum over samples runs in sample order, so the result does not depend on how a caller splits its work.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseBatchKernel
{
    private const int RowsPerTile = 4;

    private const int SamplesPerTile = 4;

    /// <summary>
    /// <c>outputs_s = f(bias + inputs_sᵀ·weights)</c> for <paramref name="batch"/> samples, <c>weights</c> of shape
    /// <c>[inputCount, bias.Length]</c>; sample <c>s</c> reads at <c>s·inputStride</c> and writes at <c>s·outputStride</c>.
    /// </summary>
    public static void Forward<T, TActivation>(
        ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, ReadOnlySpan<T> inputs, int inputStride, int inputCount, Span<T> outputs, int outputStride, int batch, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        int outputCount = bias.Length;
        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T b = ref MemoryMarshal.GetReference(bias);
        ref T x = ref MemoryMarshal.GetReference(inputs);
        ref T y = ref MemoryMarshal.GetReference(outputs);
        int lanes = Vector<T>.Count;
        int sample = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int vectorColumns = outputCount - (outputCount % (2 * lanes));
            for (; sample + SamplesPerTile <= batch; sample += SamplesPerTile)
            {
                ref T tileInputs = ref Unsafe.Add(ref x, sample * inputStride);
                ref T tileOutputs = ref Unsafe.Add(ref y, sample * outputStride);
                int column = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    // 32 vector registers: a wider tile (4 samples × 4 vectors) reads longer runs of each weight row.
                    for (; column + (4 * lanes) <= vectorColumns; column += 4 * lanes)
                    {
                        ForwardWideTile<T, TActivation>(ref w, ref b, ref tileInputs, inputStride, inputCount, ref tileOutputs, outputStride, outputCount, column, slope);
                    }
                }

                for (; column < vectorColumns; column += 2 * lanes)
                {
                    ForwardTile<T, TActivation>(ref w, ref b, ref tileInputs, inputStride, inputCount, ref tileOutputs, outputStride, outputCount, column, slope);
                }

                for (int s = 0; s < SamplesPerTile; s++)
                {
                    DenseKernel.ForwardNarrowColumns<T, TActivation>(
                        ref w, ref b, ref Unsafe.Add(ref tileInputs, s * inputStride), ref Unsafe.Add(ref tileOutputs, s * outputStride), inputCount, outputCount, vectorColumns, slope);
                }
            }
        }

        for (; sample < batch; sample++)
        {
            DenseKernel.Forward<T, TActivation>(
                weights, bias, inputs.Slice(sample * inputStride, inputCount), outputs.Slice(sample * outputStride, outputCount), slope);
        }
    }

    /// <summary>Adds the weight and bias gradients of <paramref name="batch"/> samples (see the type's summary).</summary>
    public static void AccumulateGradients<T>(
        ReadOnlySpan<T> inputs, int inputStride, ReadOnlySpan<T> deltas, int deltaStride, int batch, Span<T> weightGradients, Span<T> biasGradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outputs = biasGradients.Length;
        for (int s = 0; s < batch; s++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(biasGradients, deltas.Slice(s * deltaStride, outputs), biasGradients);
        }

        AccumulateWeightGradients(inputs, inputStride, deltas, deltaStride, batch, weightGradients, outputs);
    }

    /// <summary>
    /// Adds the weight gradients <c>W'[i, :] += Σ_s x_s[i]·dz_s</c> of <paramref name="batch"/> samples (<paramref name="outputs"/>
    /// columns), for callers that sum the bias gradient themselves.
    /// </summary>
    public static void AccumulateWeightGradients<T>(
        ReadOnlySpan<T> inputs, int inputStride, ReadOnlySpan<T> deltas, int deltaStride, int batch, Span<T> weightGradients, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputCount = weightGradients.Length / outputs;
        ref T x = ref MemoryMarshal.GetReference(inputs);
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T gw = ref MemoryMarshal.GetReference(weightGradients);
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

            for (; column + lanes <= outputs; column += lanes)
            {
                for (int i = 0; i < inputCount; i++)
                {
                    NarrowTile(ref x, inputStride, ref d, deltaStride, batch, ref gw, outputs, i, column);
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
    private static void ForwardWideTile<T, TActivation>(
        ref T w, ref T b, ref T x, int inputStride, int inputCount, ref T y, int outputStride, int outputCount, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        int lanes = Vector<T>.Count;
        Vector<T> bias0 = Vector.LoadUnsafe(ref Unsafe.Add(ref b, column));
        Vector<T> bias1 = Vector.LoadUnsafe(ref Unsafe.Add(ref b, column), (nuint)lanes);
        Vector<T> bias2 = Vector.LoadUnsafe(ref Unsafe.Add(ref b, column), (nuint)(2 * lanes));
        Vector<T> bias3 = Vector.LoadUnsafe(ref Unsafe.Add(ref b, column), (nuint)(3 * lanes));
        Vector<T> z00 = bias0; Vector<T> z01 = bias1; Vector<T> z02 = bias2; Vector<T> z03 = bias3;
        Vector<T> z10 = bias0; Vector<T> z11 = bias1; Vector<T> z12 = bias2; Vector<T> z13 = bias3;
        Vector<T> z20 = bias0; Vector<T> z21 = bias1; Vector<T> z22 = bias2; Vector<T> z23 = bias3;
        Vector<T> z30 = bias0; Vector<T> z31 = bias1; Vector<T> z32 = bias2; Vector<T> z33 = bias3;
        ref T row = ref Unsafe.Add(ref w, column);
        ref T x0 = ref x;
        ref T x1 = ref Unsafe.Add(ref x, inputStride);
        ref T x2 = ref Unsafe.Add(ref x, 2 * inputStride);
        ref T x3 = ref Unsafe.Add(ref x, 3 * inputStride);
        for (int i = 0; i < inputCount; i++)
        {
            Vector<T> w0 = Vector.LoadUnsafe(ref row);
            Vector<T> w1 = Vector.LoadUnsafe(ref row, (nuint)lanes);
            Vector<T> w2 = Vector.LoadUnsafe(ref row, (nuint)(2 * lanes));
            Vector<T> w3 = Vector.LoadUnsafe(ref row, (nuint)(3 * lanes));
            var xs0 = new Vector<T>(Unsafe.Add(ref x0, i));
            z00 = VectorMath.MultiplyAdd(w0, xs0, z00);
            z01 = VectorMath.MultiplyAdd(w1, xs0, z01);
            z02 = VectorMath.MultiplyAdd(w2, xs0, z02);
            z03 = VectorMath.MultiplyAdd(w3, xs0, z03);
            var xs1 = new Vector<T>(Unsafe.Add(ref x1, i));
            z10 = VectorMath.MultiplyAdd(w0, xs1, z10);
            z11 = VectorMath.MultiplyAdd(w1, xs1, z11);
            z12 = VectorMath.MultiplyAdd(w2, xs1, z12);
            z13 = VectorMath.MultiplyAdd(w3, xs1, z13);
            var xs2 = new Vector<T>(Unsafe.Add(ref x2, i));
            z20 = VectorMath.MultiplyAdd(w0, xs2, z20);
            z21 = VectorMath.MultiplyAdd(w1, xs2, z21);
            z22 = VectorMath.MultiplyAdd(w2, xs2, z22);
            z23 = VectorMath.MultiplyAdd(w3, xs2, z23);
            var xs3 = new Vector<T>(Unsafe.Add(ref x3, i));
            z30 = VectorMath.MultiplyAdd(w0, xs3, z30);
            z31 = VectorMath.MultiplyAdd(w1, xs3, z31);
            z32 = VectorMath.MultiplyAdd(w2, xs3, z32);
            z33 = VectorMath.MultiplyAdd(w3, xs3, z33);
            row = ref Unsafe.Add(ref row, outputCount);
        }

        StorePair<T, TActivation>(ref Unsafe.Add(ref y, column), z00, z01, slope);
        StorePair<T, TActivation>(ref Unsafe.Add(ref y, column + (2 * lanes)), z02, z03, slope);
        StorePair<T, TActivation>(ref Unsafe.Add(ref y, outputStride + column), z10, z11, slope);
        StorePair<T, TActivation>(ref Unsafe.Add(ref y, outputStride + column + (2 * lanes)), z12, z13, slope);
        StorePair<T, TActivation>(ref Unsafe.Add(ref y, (2 * outputStride) + column), z20, z21, slope);
        StorePair<T, TActivation>(ref Unsafe.Add(ref y, (2 * outputStride) + column + (2 * lanes)), z22, z23, slope);
        StorePair<T, TActivation>(ref Unsafe.Add(ref y, (3 * outputStride) + column), z30, z31, slope);
        StorePair<T, TActivation>(ref Unsafe.Add(ref y, (3 * outputStride) + column + (2 * lanes)), z32, z33, slope);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardTile<T, TActivation>(
        ref T w, ref T b, ref T x, int inputStride, int inputCount, ref T y, int outputStride, int outputCount, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        int lanes = Vector<T>.Count;
        Vector<T> bias0 = Vector.LoadUnsafe(ref b, (nuint)column);
        Vector<T> bias1 = Vector.LoadUnsafe(ref b, (nuint)(column + lanes));
        Vector<T> z00 = bias0, z01 = bias1, z10 = bias0, z11 = bias1, z20 = bias0, z21 = bias1, z30 = bias0, z31 = bias1;
        ref T row = ref Unsafe.Add(ref w, column);
        ref T x0 = ref x;
        ref T x1 = ref Unsafe.Add(ref x, inputStride);
        ref T x2 = ref Unsafe.Add(ref x, 2 * inputStride);
        ref T x3 = ref Unsafe.Add(ref x, 3 * inputStride);
        for (int i = 0; i < inputCount; i++)
        {
            Vector<T> w0 = Vector.LoadUnsafe(ref row);
            Vector<T> w1 = Vector.LoadUnsafe(ref row, (nuint)lanes);
            var xs0 = new Vector<T>(Unsafe.Add(ref x0, i));
            var xs1 = new Vector<T>(Unsafe.Add(ref x1, i));
            var xs2 = new Vector<T>(Unsafe.Add(ref x2, i));
            var xs3 = new Vector<T>(Unsafe.Add(ref x3, i));
            z00 = VectorMath.MultiplyAdd(w0, xs0, z00);
            z01 = VectorMath.MultiplyAdd(w1, xs0, z01);
            z10 = VectorMath.MultiplyAdd(w0, xs1, z10);
            z11 = VectorMath.MultiplyAdd(w1, xs1, z11);
            z20 = VectorMath.MultiplyAdd(w0, xs2, z20);
            z21 = VectorMath.MultiplyAdd(w1, xs2, z21);
            z30 = VectorMath.MultiplyAdd(w0, xs3, z30);
            z31 = VectorMath.MultiplyAdd(w1, xs3, z31);
            row = ref Unsafe.Add(ref row, outputCount);
        }

        StorePair<T, TActivation>(ref Unsafe.Add(ref y, column), z00, z01, slope);
        StorePair<T, TActivation>(ref Unsafe.Add(ref y, outputStride + column), z10, z11, slope);
        StorePair<T, TActivation>(ref Unsafe.Add(ref y, (2 * outputStride) + column), z20, z21, slope);
        StorePair<T, TActivation>(ref Unsafe.Add(ref y, (3 * outputStride) + column), z30, z31, slope);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePair<T, TActivation>(ref T target, Vector<T> first, Vector<T> second, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        Vector.StoreUnsafe(TActivation.Apply(first, slope), ref target);
        Vector.StoreUnsafe(TActivation.Apply(second, slope), ref target, (nuint)Vector<T>.Count);
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

    /// <summary>One row × one vector, over two chains of samples (even and odd) so the latency does not serialize the sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NarrowTile<T>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int outputs, int row, int column)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> even = Vector<T>.Zero, odd = Vector<T>.Zero;
        ref T sampleInputs = ref Unsafe.Add(ref x, row);
        ref T sampleDeltas = ref Unsafe.Add(ref d, column);
        int s = 0;
        for (; s + 1 < batch; s += 2)
        {
            even = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref sampleDeltas), new Vector<T>(sampleInputs), even);
            odd = VectorMath.MultiplyAdd(
                Vector.LoadUnsafe(ref Unsafe.Add(ref sampleDeltas, deltaStride)), new Vector<T>(Unsafe.Add(ref sampleInputs, inputStride)), odd);
            sampleInputs = ref Unsafe.Add(ref sampleInputs, 2 * inputStride);
            sampleDeltas = ref Unsafe.Add(ref sampleDeltas, 2 * deltaStride);
        }

        if (s < batch)
        {
            even = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref sampleDeltas), new Vector<T>(sampleInputs), even);
        }

        ref T target = ref Unsafe.Add(ref gw, (row * outputs) + column);
        Vector.StoreUnsafe(Vector.LoadUnsafe(ref target) + (even + odd), ref target);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair<T>(ref T target, Vector<T> first, Vector<T> second)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector.StoreUnsafe(Vector.LoadUnsafe(ref target) + first, ref target);
        Vector.StoreUnsafe(Vector.LoadUnsafe(ref target, (nuint)Vector<T>.Count) + second, ref target, (nuint)Vector<T>.Count);
    }
}
