using System;
using System.Diagnostics;
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
/// The sum over samples runs in sample order, so the result does not depend on how a caller splits its work. The
/// input gradient <c>dx_s = W·dz_s</c> is the forward pass over the transposed weights (<see cref="InputGradients"/>).
/// On processors with AVX-512 the tiles run on <see cref="Vector512{T}"/> whatever <see cref="Vector{T}"/>'s width (the
/// runtime keeps that at 256 bits by default): the forward pass then takes 4 samples × 4 vectors, the weight gradient
/// 4 rows × 4 vectors, in 16 of the 32 registers, before the pair tiles and the <see cref="Vector{T}"/> tiles take the
/// columns left over.
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
            for (; sample + SamplesPerTile <= batch; sample += SamplesPerTile)
            {
                ref T tileInputs = ref Unsafe.Add(ref x, sample * inputStride);
                ref T tileOutputs = ref Unsafe.Add(ref y, sample * outputStride);
                int nextRows = Math.Min(SamplesPerTile, batch - sample - SamplesPerTile);
                if (nextRows > 0)
                {
                    // Only then: the reference to the next tile's first row would otherwise point past the inputs.
                    PrefetchRows(ref Unsafe.Add(ref tileInputs, SamplesPerTile * inputStride), inputStride, inputCount, nextRows);
                }

                int column = 0;
                if (VectorWidth.UsesVector512<T>())
                {
                    // 32 vector registers hold 4 samples × 4 vectors of outputs; each weight row is read in runs of four
                    // 512-bit vectors, and each multiply-add instruction does twice Vector<T>'s default work.
                    for (; column + (4 * Vector512<T>.Count) <= outputCount; column += 4 * Vector512<T>.Count)
                    {
                        ForwardWideTile<T, TActivation, Vector512<T>, Vector512Width<T>>(
                            ref w, ref b, ref tileInputs, inputStride, inputCount, ref tileOutputs, outputStride, outputCount, column, slope);
                    }

                    for (; column + (2 * Vector512<T>.Count) <= outputCount; column += 2 * Vector512<T>.Count)
                    {
                        ForwardTile<T, TActivation, Vector512<T>, Vector512Width<T>>(
                            ref w, ref b, ref tileInputs, inputStride, inputCount, ref tileOutputs, outputStride, outputCount, column, slope);
                    }
                }

                for (; column + (2 * lanes) <= outputCount; column += 2 * lanes)
                {
                    ForwardTile<T, TActivation, Vector<T>, VectorTWidth<T>>(
                        ref w, ref b, ref tileInputs, inputStride, inputCount, ref tileOutputs, outputStride, outputCount, column, slope);
                }

                ForwardNarrowTile<T, TActivation>(ref w, ref b, ref tileInputs, inputStride, inputCount, ref tileOutputs, outputStride, outputCount, column, slope);
            }
        }

        for (; sample < batch; sample++)
        {
            DenseKernel.Forward<T, TActivation>(
                weights, bias, inputs.Slice(sample * inputStride, inputCount), outputs.Slice(sample * outputStride, outputCount), slope);
        }
    }

    /// <summary>The scratch <see cref="InputGradients"/> needs: the transposed weights and a zero bias.</summary>
    public static int InputGradientScratchLength(int inputs, int outputs) => (inputs * outputs) + inputs;

    /// <summary>
    /// <c>dx_s[i] = Σ_j W[i, j]·dz_s[j]</c> for <paramref name="batch"/> samples, <paramref name="weights"/> of shape
    /// <c>[inputs, outputs]</c>; sample <c>s</c> reads <c>dz_s</c> at <c>s·deltaStride</c> and writes <c>dx_s</c> at
    /// <c>s·inputDeltaStride</c>. One sample at a time, each <c>dx_s[i]</c> is a dot product along a weight row,
    /// summed across the lanes of a register; here <c>Wᵀ</c> is laid out once in <paramref name="scratch"/>
    /// (<see cref="InputGradientScratchLength"/> values) and the block runs through <see cref="Forward"/>'s register
    /// tiles as the product <c>DZ·Wᵀ</c>, each transposed weight vector serving four samples.
    /// </summary>
    public static void InputGradients<T>(
        ReadOnlySpan<T> weights, int outputs, ReadOnlySpan<T> deltas, int deltaStride, Span<T> inputDeltas, int inputDeltaStride, int batch, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputs = weights.Length / outputs;
        if (batch < SamplesPerTile || !Vector.IsHardwareAccelerated)
        {
            // No tile of four samples would run (single-sample training, a block's last few samples): the copy would
            // cost more than it saves.
            for (int s = 0; s < batch; s++)
            {
                DenseKernel.InputGradient(weights, deltas.Slice(s * deltaStride, outputs), inputDeltas.Slice(s * inputDeltaStride, inputs));
            }

            return;
        }

        Span<T> transposed = scratch.Slice(0, inputs * outputs);
        Span<T> zeroBias = scratch.Slice(inputs * outputs, inputs);
        Transpose(weights, inputs, outputs, transposed);
        zeroBias.Clear();
        Forward<T, IdentityActivation<T>>(transposed, zeroBias, deltas, deltaStride, outputs, inputDeltas, inputDeltaStride, batch, T.Zero);
    }

    /// <summary>
    /// <paramref name="target"/> (<c>[columns, rows]</c>) = the transpose of <paramref name="source"/> (<c>[rows, columns]</c>).
    /// Four source rows at a time, so that each target row receives four neighbouring values per visit instead of one.
    /// </summary>
    internal static void Transpose<T>(ReadOnlySpan<T> source, int rows, int columns, Span<T> target)
    {
        Debug.Assert(source.Length >= rows * columns && target.Length >= rows * columns, "the spans are shorter than the matrix");
        ref T from = ref MemoryMarshal.GetReference(source);
        ref T to = ref MemoryMarshal.GetReference(target);
        int r = 0;
        for (; r + 3 < rows; r += 4)
        {
            ref T row0 = ref Unsafe.Add(ref from, r * columns);
            ref T row1 = ref Unsafe.Add(ref row0, columns);
            ref T row2 = ref Unsafe.Add(ref row1, columns);
            ref T row3 = ref Unsafe.Add(ref row2, columns);
            ref T column = ref Unsafe.Add(ref to, r);
            for (int c = 0; c < columns; c++)
            {
                column = Unsafe.Add(ref row0, c);
                Unsafe.Add(ref column, 1) = Unsafe.Add(ref row1, c);
                Unsafe.Add(ref column, 2) = Unsafe.Add(ref row2, c);
                Unsafe.Add(ref column, 3) = Unsafe.Add(ref row3, c);
                column = ref Unsafe.Add(ref column, rows);
            }
        }

        for (; r < rows; r++)
        {
            ref T row = ref Unsafe.Add(ref from, r * columns);
            for (int c = 0; c < columns; c++)
            {
                Unsafe.Add(ref to, (c * rows) + r) = Unsafe.Add(ref row, c);
            }
        }
    }

    /// <summary>
    /// Asks the processor to bring the next tile's input rows into its L2 cache while this tile computes. A network's
    /// first layer reads its inputs straight from the caller's data, which for a training set larger than the caches
    /// (MNIST's is 188 MB) comes from main memory: without this, each tile waited on those loads; with it, a tile's
    /// thousands of multiply-adds cover them. A hint only: x86 has the instruction, other processors skip it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchRows<T>(ref T first, int stride, int length, int rows)
        where T : unmanaged
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            return;
        }

        const int CacheLine = 64;
        for (int r = 0; r < rows; r++)
        {
            byte* row = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref first, r * stride));
            for (int offset = 0; offset < length * sizeof(T); offset += CacheLine)
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch1(row + offset);
            }
        }
    }

    /// <summary>
    /// The columns from <paramref name="column"/> on that the wider tiles left (fewer than two vectors: N3's output layer
    /// has ten), for a tile of four samples: whole vectors of columns, each weight vector loaded serving the four
    /// samples. Columns after the last whole vector are computed as the layer's last vector of columns, which overlaps
    /// columns this method has already written and writes them again with the same bits (each lane's sum runs in the
    /// same order wherever the vector starts). Where fewer than one vector of columns reaches this method (a layer
    /// narrower than one vector, or a few columns after the pair tiles), those go column by column, sample by sample.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForwardNarrowTile<T, TActivation>(
        ref T w, ref T b, ref T x, int inputStride, int inputCount, ref T y, int outputStride, int outputCount, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        int lanes = Vector<T>.Count;
        int first = column;
        for (; column + lanes <= outputCount; column += lanes)
        {
            NarrowVectorTile<T, TActivation>(ref w, ref b, ref x, inputStride, inputCount, ref y, outputStride, outputCount, column, slope);
        }

        if (column == outputCount)
        {
            return;
        }

        if (outputCount - lanes >= first)
        {
            NarrowVectorTile<T, TActivation>(ref w, ref b, ref x, inputStride, inputCount, ref y, outputStride, outputCount, outputCount - lanes, slope);
            return;
        }

        for (int s = 0; s < SamplesPerTile; s++)
        {
            ref T sampleInputs = ref Unsafe.Add(ref x, s * inputStride);
            ref T sampleOutputs = ref Unsafe.Add(ref y, s * outputStride);
            for (int c = column; c < outputCount; c++)
            {
                Unsafe.Add(ref sampleOutputs, c) = TActivation.Apply(DenseKernel.ScalarColumn(ref w, ref b, ref sampleInputs, inputCount, outputCount, c), slope);
            }
        }
    }

    /// <summary>One vector of columns from <paramref name="column"/> for four samples, in eight chains (even and odd inputs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NarrowVectorTile<T, TActivation>(
        ref T w, ref T b, ref T x, int inputStride, int inputCount, ref T y, int outputStride, int outputCount, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        ref T x1 = ref Unsafe.Add(ref x, inputStride);
        ref T x2 = ref Unsafe.Add(ref x1, inputStride);
        ref T x3 = ref Unsafe.Add(ref x2, inputStride);
        Vector<T> bias = Vector.LoadUnsafe(ref b, (nuint)column);
        Vector<T> z0 = bias, z1 = bias, z2 = bias, z3 = bias;
        Vector<T> o0 = Vector<T>.Zero, o1 = Vector<T>.Zero, o2 = Vector<T>.Zero, o3 = Vector<T>.Zero;
        ref T row = ref Unsafe.Add(ref w, column);
        int i = 0;
        for (; i + 1 < inputCount; i += 2)
        {
            Vector<T> even = Vector.LoadUnsafe(ref row);
            Vector<T> odd = Vector.LoadUnsafe(ref Unsafe.Add(ref row, outputCount));
            z0 = VectorMath.MultiplyAdd(even, new Vector<T>(Unsafe.Add(ref x, i)), z0);
            z1 = VectorMath.MultiplyAdd(even, new Vector<T>(Unsafe.Add(ref x1, i)), z1);
            z2 = VectorMath.MultiplyAdd(even, new Vector<T>(Unsafe.Add(ref x2, i)), z2);
            z3 = VectorMath.MultiplyAdd(even, new Vector<T>(Unsafe.Add(ref x3, i)), z3);
            o0 = VectorMath.MultiplyAdd(odd, new Vector<T>(Unsafe.Add(ref x, i + 1)), o0);
            o1 = VectorMath.MultiplyAdd(odd, new Vector<T>(Unsafe.Add(ref x1, i + 1)), o1);
            o2 = VectorMath.MultiplyAdd(odd, new Vector<T>(Unsafe.Add(ref x2, i + 1)), o2);
            o3 = VectorMath.MultiplyAdd(odd, new Vector<T>(Unsafe.Add(ref x3, i + 1)), o3);
            row = ref Unsafe.Add(ref row, 2 * outputCount);
        }

        if (i < inputCount)
        {
            Vector<T> weights = Vector.LoadUnsafe(ref row);
            z0 = VectorMath.MultiplyAdd(weights, new Vector<T>(Unsafe.Add(ref x, i)), z0);
            z1 = VectorMath.MultiplyAdd(weights, new Vector<T>(Unsafe.Add(ref x1, i)), z1);
            z2 = VectorMath.MultiplyAdd(weights, new Vector<T>(Unsafe.Add(ref x2, i)), z2);
            z3 = VectorMath.MultiplyAdd(weights, new Vector<T>(Unsafe.Add(ref x3, i)), z3);
        }

        ref T outputs = ref Unsafe.Add(ref y, column);
        Vector.StoreUnsafe(TActivation.Apply(z0 + o0, slope), ref outputs);
        Vector.StoreUnsafe(TActivation.Apply(z1 + o1, slope), ref Unsafe.Add(ref outputs, outputStride));
        Vector.StoreUnsafe(TActivation.Apply(z2 + o2, slope), ref Unsafe.Add(ref outputs, 2 * outputStride));
        Vector.StoreUnsafe(TActivation.Apply(z3 + o3, slope), ref Unsafe.Add(ref outputs, 3 * outputStride));
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
            if (VectorWidth.UsesVector512<T>())
            {
                for (; column + (4 * Vector512<T>.Count) <= outputs; column += 4 * Vector512<T>.Count)
                {
                    TilesOfFourVectors(ref x, inputStride, ref d, deltaStride, batch, ref gw, inputCount, outputs, column);
                }

                for (; column + (2 * Vector512<T>.Count) <= outputs; column += 2 * Vector512<T>.Count)
                {
                    TilesOfColumnPair<T, Vector512<T>, Vector512Width<T>>(ref x, inputStride, ref d, deltaStride, batch, ref gw, inputCount, outputs, column);
                }
            }

            for (; column + (2 * lanes) <= outputs; column += 2 * lanes)
            {
                TilesOfColumnPair<T, Vector<T>, VectorTWidth<T>>(ref x, inputStride, ref d, deltaStride, batch, ref gw, inputCount, outputs, column);
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
            ColumnAlongInputs(ref x, inputStride, ref d, deltaStride, batch, ref gw, inputCount, outputs, column);
        }
    }

    /// <summary>
    /// One column of the weight gradient after the last whole vector of columns (N3's output layer has ten):
    /// <c>W'[i, column] += Σ_s x_s[i]·dz_s[column]</c> with the vectors along the inputs instead, four at a time, each
    /// sample's delta broadcast, then one at a time. A column of <c>W'</c> is strided, so the sums are added to it value
    /// by value at the end.
    /// </summary>
    private static void ColumnAlongInputs<T>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int inputCount, int outputs, int column)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        ref T deltas = ref Unsafe.Add(ref d, column);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + (4 * lanes) <= inputCount; i += 4 * lanes)
            {
                Vector<T> g0 = Vector<T>.Zero, g1 = Vector<T>.Zero, g2 = Vector<T>.Zero, g3 = Vector<T>.Zero;
                ref T sampleInputs = ref Unsafe.Add(ref x, i);
                for (int s = 0; s < batch; s++)
                {
                    var dz = new Vector<T>(Unsafe.Add(ref deltas, s * deltaStride));
                    g0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref sampleInputs), dz, g0);
                    g1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref sampleInputs, (nuint)lanes), dz, g1);
                    g2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref sampleInputs, (nuint)(2 * lanes)), dz, g2);
                    g3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref sampleInputs, (nuint)(3 * lanes)), dz, g3);
                    sampleInputs = ref Unsafe.Add(ref sampleInputs, inputStride);
                }

                ref T target = ref Unsafe.Add(ref gw, (i * outputs) + column);
                AddToColumn(ref target, outputs, g0);
                AddToColumn(ref Unsafe.Add(ref target, lanes * outputs), outputs, g1);
                AddToColumn(ref Unsafe.Add(ref target, 2 * lanes * outputs), outputs, g2);
                AddToColumn(ref Unsafe.Add(ref target, 3 * lanes * outputs), outputs, g3);
            }

            for (; i + lanes <= inputCount; i += lanes)
            {
                Vector<T> g0 = Vector<T>.Zero;
                ref T sampleInputs = ref Unsafe.Add(ref x, i);
                for (int s = 0; s < batch; s++)
                {
                    g0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref sampleInputs), new Vector<T>(Unsafe.Add(ref deltas, s * deltaStride)), g0);
                    sampleInputs = ref Unsafe.Add(ref sampleInputs, inputStride);
                }

                AddToColumn(ref Unsafe.Add(ref gw, (i * outputs) + column), outputs, g0);
            }
        }

        for (; i < inputCount; i++)
        {
            T sum = T.Zero;
            for (int s = 0; s < batch; s++)
            {
                sum += Unsafe.Add(ref x, (s * inputStride) + i) * Unsafe.Add(ref deltas, s * deltaStride);
            }

            Unsafe.Add(ref gw, (i * outputs) + column) += sum;
        }
    }

    /// <summary>Adds the lanes of <paramref name="sums"/> to a column: lane <c>k</c> to <c>target[k·stride]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddToColumn<T>(ref T target, int stride, Vector<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = 0; k < Vector<T>.Count; k++)
        {
            Unsafe.Add(ref target, k * stride) += sums[k];
        }
    }

    /// <summary>Every row of the weight gradient's columns <c>[column, column + 2·TWidth.Count)</c>: four rows a tile, then single rows.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TilesOfColumnPair<T, TVector, TWidth>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int inputCount, int outputs, int column)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        int i = 0;
        for (; i + RowsPerTile <= inputCount; i += RowsPerTile)
        {
            TileOfFourRows<T, TVector, TWidth>(ref x, inputStride, ref d, deltaStride, batch, ref gw, outputs, i, column);
        }

        for (; i < inputCount; i++)
        {
            TileOfOneRow<T, TVector, TWidth>(ref x, inputStride, ref d, deltaStride, batch, ref gw, outputs, i, column);
        }
    }

    /// <summary>
    /// Every row of the weight gradient's columns <c>[column, column + 4·16)</c> (floats; 4·8 doubles) on 512-bit vectors:
    /// four rows × four vectors a tile, sixteen of the 32 registers, so each sample's four broadcast inputs serve sixteen
    /// multiply-adds (eight in the pair tile). Then single rows, as two pairs.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TilesOfFourVectors<T>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int inputCount, int outputs, int column)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        for (; i + RowsPerTile <= inputCount; i += RowsPerTile)
        {
            WideTileOfFourRows(ref x, inputStride, ref d, deltaStride, batch, ref gw, outputs, i, column);
        }

        for (; i < inputCount; i++)
        {
            TileOfOneRow<T, Vector512<T>, Vector512Width<T>>(ref x, inputStride, ref d, deltaStride, batch, ref gw, outputs, i, column);
            TileOfOneRow<T, Vector512<T>, Vector512Width<T>>(ref x, inputStride, ref d, deltaStride, batch, ref gw, outputs, i, column + (2 * Vector512<T>.Count));
        }
    }

    /// <summary>
    /// <see cref="TileOfFourRows{T, TVector, TWidth}"/> with four vectors a row instead of two: written out for
    /// <see cref="Vector512{T}"/> only, as its sixteen accumulators need the 32 registers of AVX-512.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WideTileOfFourRows<T>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int outputs, int row, int column)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint lanes = (nuint)Vector512<T>.Count;
        Vector512<T> g00 = default, g01 = default, g02 = default, g03 = default;
        Vector512<T> g10 = default, g11 = default, g12 = default, g13 = default;
        Vector512<T> g20 = default, g21 = default, g22 = default, g23 = default;
        Vector512<T> g30 = default, g31 = default, g32 = default, g33 = default;
        ref T sampleInputs = ref Unsafe.Add(ref x, row);
        ref T sampleDeltas = ref Unsafe.Add(ref d, column);
        for (int s = 0; s < batch; s++)
        {
            Vector512<T> dz0 = Vector512.LoadUnsafe(ref sampleDeltas);
            Vector512<T> dz1 = Vector512.LoadUnsafe(ref sampleDeltas, lanes);
            Vector512<T> dz2 = Vector512.LoadUnsafe(ref sampleDeltas, 2 * lanes);
            Vector512<T> dz3 = Vector512.LoadUnsafe(ref sampleDeltas, 3 * lanes);
            Vector512<T> x0 = Vector512.Create(sampleInputs);
            g00 = Vector512Width<T>.MultiplyAdd(dz0, x0, g00);
            g01 = Vector512Width<T>.MultiplyAdd(dz1, x0, g01);
            g02 = Vector512Width<T>.MultiplyAdd(dz2, x0, g02);
            g03 = Vector512Width<T>.MultiplyAdd(dz3, x0, g03);
            Vector512<T> x1 = Vector512.Create(Unsafe.Add(ref sampleInputs, 1));
            g10 = Vector512Width<T>.MultiplyAdd(dz0, x1, g10);
            g11 = Vector512Width<T>.MultiplyAdd(dz1, x1, g11);
            g12 = Vector512Width<T>.MultiplyAdd(dz2, x1, g12);
            g13 = Vector512Width<T>.MultiplyAdd(dz3, x1, g13);
            Vector512<T> x2 = Vector512.Create(Unsafe.Add(ref sampleInputs, 2));
            g20 = Vector512Width<T>.MultiplyAdd(dz0, x2, g20);
            g21 = Vector512Width<T>.MultiplyAdd(dz1, x2, g21);
            g22 = Vector512Width<T>.MultiplyAdd(dz2, x2, g22);
            g23 = Vector512Width<T>.MultiplyAdd(dz3, x2, g23);
            Vector512<T> x3 = Vector512.Create(Unsafe.Add(ref sampleInputs, 3));
            g30 = Vector512Width<T>.MultiplyAdd(dz0, x3, g30);
            g31 = Vector512Width<T>.MultiplyAdd(dz1, x3, g31);
            g32 = Vector512Width<T>.MultiplyAdd(dz2, x3, g32);
            g33 = Vector512Width<T>.MultiplyAdd(dz3, x3, g33);
            sampleInputs = ref Unsafe.Add(ref sampleInputs, inputStride);
            sampleDeltas = ref Unsafe.Add(ref sampleDeltas, deltaStride);
        }

        int half = 2 * Vector512<T>.Count;
        ref T tile = ref Unsafe.Add(ref gw, (row * outputs) + column);
        AddPair<T, Vector512<T>, Vector512Width<T>>(ref tile, g00, g01);
        AddPair<T, Vector512<T>, Vector512Width<T>>(ref Unsafe.Add(ref tile, half), g02, g03);
        AddPair<T, Vector512<T>, Vector512Width<T>>(ref Unsafe.Add(ref tile, outputs), g10, g11);
        AddPair<T, Vector512<T>, Vector512Width<T>>(ref Unsafe.Add(ref tile, outputs + half), g12, g13);
        AddPair<T, Vector512<T>, Vector512Width<T>>(ref Unsafe.Add(ref tile, 2 * outputs), g20, g21);
        AddPair<T, Vector512<T>, Vector512Width<T>>(ref Unsafe.Add(ref tile, (2 * outputs) + half), g22, g23);
        AddPair<T, Vector512<T>, Vector512Width<T>>(ref Unsafe.Add(ref tile, 3 * outputs), g30, g31);
        AddPair<T, Vector512<T>, Vector512Width<T>>(ref Unsafe.Add(ref tile, (3 * outputs) + half), g32, g33);
    }

    // The tile methods and the per-column-run loops are not inlined: each is compiled, and its accumulators given
    // registers, alone. With the Vector512 and Vector<T> tiles all inlined into one pass, R1 training measured 641 µs
    // against 608 µs before the Vector512 tiles; with them apart, 578 µs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForwardWideTile<T, TActivation, TVector, TWidth>(
        ref T w, ref T b, ref T x, int inputStride, int inputCount, ref T y, int outputStride, int outputCount, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        nuint lanes = (nuint)TWidth.Count;
        ref T biasColumns = ref Unsafe.Add(ref b, column);
        TVector bias0 = TWidth.Load(ref biasColumns, 0);
        TVector bias1 = TWidth.Load(ref biasColumns, lanes);
        TVector bias2 = TWidth.Load(ref biasColumns, 2 * lanes);
        TVector bias3 = TWidth.Load(ref biasColumns, 3 * lanes);
        TVector z00 = bias0, z01 = bias1, z02 = bias2, z03 = bias3;
        TVector z10 = bias0, z11 = bias1, z12 = bias2, z13 = bias3;
        TVector z20 = bias0, z21 = bias1, z22 = bias2, z23 = bias3;
        TVector z30 = bias0, z31 = bias1, z32 = bias2, z33 = bias3;
        ref T row = ref Unsafe.Add(ref w, column);
        ref T x0 = ref x;
        ref T x1 = ref Unsafe.Add(ref x, inputStride);
        ref T x2 = ref Unsafe.Add(ref x, 2 * inputStride);
        ref T x3 = ref Unsafe.Add(ref x, 3 * inputStride);
        for (int i = 0; i < inputCount; i++)
        {
            TVector w0 = TWidth.Load(ref row, 0);
            TVector w1 = TWidth.Load(ref row, lanes);
            TVector w2 = TWidth.Load(ref row, 2 * lanes);
            TVector w3 = TWidth.Load(ref row, 3 * lanes);
            TVector xs0 = TWidth.Broadcast(Unsafe.Add(ref x0, i));
            z00 = TWidth.MultiplyAdd(w0, xs0, z00);
            z01 = TWidth.MultiplyAdd(w1, xs0, z01);
            z02 = TWidth.MultiplyAdd(w2, xs0, z02);
            z03 = TWidth.MultiplyAdd(w3, xs0, z03);
            TVector xs1 = TWidth.Broadcast(Unsafe.Add(ref x1, i));
            z10 = TWidth.MultiplyAdd(w0, xs1, z10);
            z11 = TWidth.MultiplyAdd(w1, xs1, z11);
            z12 = TWidth.MultiplyAdd(w2, xs1, z12);
            z13 = TWidth.MultiplyAdd(w3, xs1, z13);
            TVector xs2 = TWidth.Broadcast(Unsafe.Add(ref x2, i));
            z20 = TWidth.MultiplyAdd(w0, xs2, z20);
            z21 = TWidth.MultiplyAdd(w1, xs2, z21);
            z22 = TWidth.MultiplyAdd(w2, xs2, z22);
            z23 = TWidth.MultiplyAdd(w3, xs2, z23);
            TVector xs3 = TWidth.Broadcast(Unsafe.Add(ref x3, i));
            z30 = TWidth.MultiplyAdd(w0, xs3, z30);
            z31 = TWidth.MultiplyAdd(w1, xs3, z31);
            z32 = TWidth.MultiplyAdd(w2, xs3, z32);
            z33 = TWidth.MultiplyAdd(w3, xs3, z33);
            row = ref Unsafe.Add(ref row, outputCount);
        }

        int half = 2 * TWidth.Count;
        StorePair<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, column), z00, z01, slope);
        StorePair<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, column + half), z02, z03, slope);
        StorePair<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, outputStride + column), z10, z11, slope);
        StorePair<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, outputStride + column + half), z12, z13, slope);
        StorePair<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, (2 * outputStride) + column), z20, z21, slope);
        StorePair<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, (2 * outputStride) + column + half), z22, z23, slope);
        StorePair<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, (3 * outputStride) + column), z30, z31, slope);
        StorePair<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, (3 * outputStride) + column + half), z32, z33, slope);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForwardTile<T, TActivation, TVector, TWidth>(
        ref T w, ref T b, ref T x, int inputStride, int inputCount, ref T y, int outputStride, int outputCount, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        nuint lanes = (nuint)TWidth.Count;
        TVector bias0 = TWidth.Load(ref b, (nuint)column);
        TVector bias1 = TWidth.Load(ref b, (nuint)column + lanes);
        TVector z00 = bias0, z01 = bias1, z10 = bias0, z11 = bias1, z20 = bias0, z21 = bias1, z30 = bias0, z31 = bias1;
        ref T row = ref Unsafe.Add(ref w, column);
        ref T x0 = ref x;
        ref T x1 = ref Unsafe.Add(ref x, inputStride);
        ref T x2 = ref Unsafe.Add(ref x, 2 * inputStride);
        ref T x3 = ref Unsafe.Add(ref x, 3 * inputStride);
        for (int i = 0; i < inputCount; i++)
        {
            TVector w0 = TWidth.Load(ref row, 0);
            TVector w1 = TWidth.Load(ref row, lanes);
            TVector xs0 = TWidth.Broadcast(Unsafe.Add(ref x0, i));
            TVector xs1 = TWidth.Broadcast(Unsafe.Add(ref x1, i));
            TVector xs2 = TWidth.Broadcast(Unsafe.Add(ref x2, i));
            TVector xs3 = TWidth.Broadcast(Unsafe.Add(ref x3, i));
            z00 = TWidth.MultiplyAdd(w0, xs0, z00);
            z01 = TWidth.MultiplyAdd(w1, xs0, z01);
            z10 = TWidth.MultiplyAdd(w0, xs1, z10);
            z11 = TWidth.MultiplyAdd(w1, xs1, z11);
            z20 = TWidth.MultiplyAdd(w0, xs2, z20);
            z21 = TWidth.MultiplyAdd(w1, xs2, z21);
            z30 = TWidth.MultiplyAdd(w0, xs3, z30);
            z31 = TWidth.MultiplyAdd(w1, xs3, z31);
            row = ref Unsafe.Add(ref row, outputCount);
        }

        StorePair<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, column), z00, z01, slope);
        StorePair<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, outputStride + column), z10, z11, slope);
        StorePair<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, (2 * outputStride) + column), z20, z21, slope);
        StorePair<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, (3 * outputStride) + column), z30, z31, slope);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePair<T, TActivation, TVector, TWidth>(ref T target, TVector first, TVector second, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        TWidth.Store(TWidth.Apply<TActivation>(first, slope), ref target, 0);
        TWidth.Store(TWidth.Apply<TActivation>(second, slope), ref target, (nuint)TWidth.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TileOfFourRows<T, TVector, TWidth>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int outputs, int row, int column)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        nuint lanes = (nuint)TWidth.Count;
        TVector g00 = TWidth.Zero, g01 = TWidth.Zero;
        TVector g10 = TWidth.Zero, g11 = TWidth.Zero;
        TVector g20 = TWidth.Zero, g21 = TWidth.Zero;
        TVector g30 = TWidth.Zero, g31 = TWidth.Zero;
        ref T sampleInputs = ref Unsafe.Add(ref x, row);
        ref T sampleDeltas = ref Unsafe.Add(ref d, column);
        for (int s = 0; s < batch; s++)
        {
            TVector dz0 = TWidth.Load(ref sampleDeltas, 0);
            TVector dz1 = TWidth.Load(ref sampleDeltas, lanes);
            TVector x0 = TWidth.Broadcast(sampleInputs);
            TVector x1 = TWidth.Broadcast(Unsafe.Add(ref sampleInputs, 1));
            TVector x2 = TWidth.Broadcast(Unsafe.Add(ref sampleInputs, 2));
            TVector x3 = TWidth.Broadcast(Unsafe.Add(ref sampleInputs, 3));
            g00 = TWidth.MultiplyAdd(dz0, x0, g00);
            g01 = TWidth.MultiplyAdd(dz1, x0, g01);
            g10 = TWidth.MultiplyAdd(dz0, x1, g10);
            g11 = TWidth.MultiplyAdd(dz1, x1, g11);
            g20 = TWidth.MultiplyAdd(dz0, x2, g20);
            g21 = TWidth.MultiplyAdd(dz1, x2, g21);
            g30 = TWidth.MultiplyAdd(dz0, x3, g30);
            g31 = TWidth.MultiplyAdd(dz1, x3, g31);
            sampleInputs = ref Unsafe.Add(ref sampleInputs, inputStride);
            sampleDeltas = ref Unsafe.Add(ref sampleDeltas, deltaStride);
        }

        ref T tile = ref Unsafe.Add(ref gw, (row * outputs) + column);
        AddPair<T, TVector, TWidth>(ref tile, g00, g01);
        AddPair<T, TVector, TWidth>(ref Unsafe.Add(ref tile, outputs), g10, g11);
        AddPair<T, TVector, TWidth>(ref Unsafe.Add(ref tile, 2 * outputs), g20, g21);
        AddPair<T, TVector, TWidth>(ref Unsafe.Add(ref tile, 3 * outputs), g30, g31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TileOfOneRow<T, TVector, TWidth>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int outputs, int row, int column)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        nuint lanes = (nuint)TWidth.Count;
        TVector g0 = TWidth.Zero, g1 = TWidth.Zero;
        ref T sampleInputs = ref Unsafe.Add(ref x, row);
        ref T sampleDeltas = ref Unsafe.Add(ref d, column);
        for (int s = 0; s < batch; s++)
        {
            TVector xi = TWidth.Broadcast(sampleInputs);
            g0 = TWidth.MultiplyAdd(TWidth.Load(ref sampleDeltas, 0), xi, g0);
            g1 = TWidth.MultiplyAdd(TWidth.Load(ref sampleDeltas, lanes), xi, g1);
            sampleInputs = ref Unsafe.Add(ref sampleInputs, inputStride);
            sampleDeltas = ref Unsafe.Add(ref sampleDeltas, deltaStride);
        }

        AddPair<T, TVector, TWidth>(ref Unsafe.Add(ref gw, (row * outputs) + column), g0, g1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair<T, TVector, TWidth>(ref T target, TVector first, TVector second)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        TWidth.Store(TWidth.Add(TWidth.Load(ref target, 0), first), ref target, 0);
        TWidth.Store(TWidth.Add(TWidth.Load(ref target, (nuint)TWidth.Count), second), ref target, (nuint)TWidth.Count);
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
}
