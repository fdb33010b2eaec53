using System;
using System.Diagnostics;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNN.Kernels;

/// <summary>
/// Dense-layer passes over a block of samples at once, on the register tiles every product shares
/// (<see cref="RegisterTiles"/>). The forward pass computes a tile of 4 samples × 2 vectors of outputs in eight
/// registers, so each weight vector loaded serves four samples. The weight-gradient pass,
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
            for (; sample + RegisterTiles.Rows <= batch; sample += RegisterTiles.Rows)
            {
                ref T tileInputs = ref Unsafe.Add(ref x, sample * inputStride);
                ref T tileOutputs = ref Unsafe.Add(ref y, sample * outputStride);
                int nextRows = Math.Min(RegisterTiles.Rows, batch - sample - RegisterTiles.Rows);
                if (nextRows > 0)
                {
                    // Only then: the reference to the next tile's first row would otherwise point past the inputs.
                    PrefetchRows(ref Unsafe.Add(ref tileInputs, RegisterTiles.Rows * inputStride), inputStride, inputCount, nextRows);
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
        if (batch < RegisterTiles.Rows || !Vector.IsHardwareAccelerated)
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
        TransposeKernel.Transpose<T>(weights, inputs, outputs, transposed);
        zeroBias.Clear();
        Forward<T, IdentityActivation<T>>(transposed, zeroBias, deltas, deltaStride, outputs, inputDeltas, inputDeltaStride, batch, T.Zero);
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
    /// same order wherever the vector starts; a tanh or sigmoid is applied after that vector's raw sums are stored, so
    /// no column takes it twice). Where fewer than one vector of columns reaches this method (a layer
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

        for (int s = 0; s < RegisterTiles.Rows; s++)
        {
            ref T sampleInputs = ref Unsafe.Add(ref x, s * inputStride);
            ref T sampleOutputs = ref Unsafe.Add(ref y, s * outputStride);
            for (int c = column; c < outputCount; c++)
            {
                Unsafe.Add(ref sampleOutputs, c) = TActivation.Apply(DenseKernel.ScalarColumn(ref w, ref b, ref sampleInputs, inputCount, outputCount, c), slope);
            }
        }
    }

    /// <summary>
    /// One vector of columns from <paramref name="column"/> for four samples, in eight chains (even and odd inputs). A
    /// root of its own: inlined twice into <see cref="ForwardNarrowTile"/>, the two tiles spent its inlining budget and
    /// left calls even to the one-line helpers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void NarrowVectorTile<T, TActivation>(
        ref T w, ref T b, ref T x, int inputStride, int inputCount, ref T y, int outputStride, int outputCount, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        RegisterTiles.FourByOne<T, Vector<T>, VectorTWidth<T>, StridedRows<T>, ColumnBias<T>, Overwrite<T, TActivation>>(
            ref x, inputStride, 1, new StridedRows<T>(ref w, outputCount), inputCount, new ColumnBias<T>(ref b), ref y, outputStride, slope, column, column);
        Activate<T, TActivation, Vector<T>, VectorTWidth<T>>(ref Unsafe.Add(ref y, column), outputStride, 1, slope);
    }

    /// <summary>Adds the weight and bias gradients of <paramref name="batch"/> samples (see the type's summary).</summary>
    public static void AccumulateGradients<T>(
        ReadOnlySpan<T> inputs, int inputStride, ReadOnlySpan<T> deltas, int deltaStride, int batch, Span<T> weightGradients, Span<T> biasGradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(batch == 0 || deltas.Length >= ((batch - 1) * deltaStride) + biasGradients.Length, "deltas too short for the batch");
        RowSums.AddRows(ref MemoryMarshal.GetReference(deltas), deltaStride, batch, biasGradients);
        AccumulateWeightGradients(inputs, inputStride, deltas, deltaStride, batch, weightGradients, biasGradients.Length);
    }

    /// <summary>
    /// A plain SGD step taken straight from a block's sums, <c>W ← W − η·Σ_s x_s·dz_sᵀ</c> and <c>b ← b − η·Σ_s dz_s</c>,
    /// for <c>TrainBatch</c> on a minibatch of one block with no gradients pending: accumulating into the gradient
    /// buffer and then applying it reads and writes the weights' gradients twice each, 400 KB for N3's first layer
    /// (N3's training step 129 µs that way, 122 this way). The values are those of that route: each weight's sum, then the
    /// same multiply and add. <paramref name="biasGradients"/> must be zero, and is zero again on return: the bias's sums
    /// are added up there.
    /// </summary>
    public static void StepFromBlock<T>(
        ReadOnlySpan<T> inputs, int inputStride, ReadOnlySpan<T> deltas, int deltaStride, int batch, Span<T> weights, Span<T> bias, Span<T> biasGradients, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(batch == 0 || deltas.Length >= ((batch - 1) * deltaStride) + bias.Length, "deltas too short for the batch");
        Debug.Assert(biasGradients.Length == bias.Length && weights.Length % bias.Length == 0, "weights, bias and bias gradients of different layers");
        Debug.Assert(biasGradients.IndexOfAnyExcept(T.Zero) < 0, "bias gradients pending: TrainBatch takes this route only when none are");
        RowSums.AddRows(ref MemoryMarshal.GetReference(deltas), deltaStride, batch, biasGradients);
        SgdKernel.ApplyAndClear(bias, biasGradients, learningRate);
        SumWeightGradients<T, SgdStep<T>>(inputs, inputStride, deltas, deltaStride, batch, weights, bias.Length, -learningRate);
    }

    /// <summary>
    /// Adds the weight gradients <c>W'[i, :] += Σ_s x_s[i]·dz_s</c> of <paramref name="batch"/> samples (<paramref name="outputs"/>
    /// columns), for callers that sum the bias gradient themselves.
    /// </summary>
    public static void AccumulateWeightGradients<T>(
        ReadOnlySpan<T> inputs, int inputStride, ReadOnlySpan<T> deltas, int deltaStride, int batch, Span<T> weightGradients, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SumWeightGradients<T, AddTo<T>>(inputs, inputStride, deltas, deltaStride, batch, weightGradients, outputs, T.Zero);

    /// <summary>
    /// The sums <c>Σ_s x_s[i]·dz_s</c> of every weight, each handed to <typeparamref name="TStore"/> with
    /// <paramref name="slope"/> for the <c>[inputs, outputs]</c> matrix <paramref name="target"/>: added to a gradient, or
    /// a step on the weights.
    /// </summary>
    private static void SumWeightGradients<T, TStore>(
        ReadOnlySpan<T> inputs, int inputStride, ReadOnlySpan<T> deltas, int deltaStride, int batch, Span<T> target, int outputs, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TStore : IGradientStore<T>
    {
        int inputCount = target.Length / outputs;
        ref T x = ref MemoryMarshal.GetReference(inputs);
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T matrix = ref MemoryMarshal.GetReference(target);
        int lanes = Vector<T>.Count;
        int column = 0;
        if (Vector.IsHardwareAccelerated)
        {
            if (VectorWidth.UsesVector512<T>())
            {
                for (; column + (4 * Vector512<T>.Count) <= outputs; column += 4 * Vector512<T>.Count)
                {
                    TilesOfFourVectors<T, TStore>(ref x, inputStride, ref d, deltaStride, batch, ref matrix, inputCount, outputs, column, slope);
                }

                for (; column + (2 * Vector512<T>.Count) <= outputs; column += 2 * Vector512<T>.Count)
                {
                    TilesOfColumnPair<T, Vector512<T>, Vector512Width<T>, TStore>(ref x, inputStride, ref d, deltaStride, batch, ref matrix, inputCount, outputs, column, slope);
                }
            }

            for (; column + (2 * lanes) <= outputs; column += 2 * lanes)
            {
                TilesOfColumnPair<T, Vector<T>, VectorTWidth<T>, TStore>(ref x, inputStride, ref d, deltaStride, batch, ref matrix, inputCount, outputs, column, slope);
            }

            for (; column + lanes <= outputs; column += lanes)
            {
                for (int i = 0; i < inputCount; i++)
                {
                    NarrowTile<T, TStore>(ref x, inputStride, ref d, deltaStride, batch, ref matrix, outputs, i, column, slope);
                }
            }
        }

        for (; column < outputs; column++)
        {
            ColumnAlongInputs<T, TStore>(ref x, inputStride, ref d, deltaStride, batch, ref matrix, inputCount, outputs, column, slope);
        }
    }

    /// <summary>
    /// One column of the weight gradient after the last whole vector of columns (N3's output layer has ten):
    /// <c>W'[i, column] += Σ_s x_s[i]·dz_s[column]</c> with the vectors along the inputs instead, four at a time, each
    /// sample's delta broadcast, then one at a time. A column of <c>W'</c> is strided, so the sums are added to it value
    /// by value at the end.
    /// </summary>
    private static void ColumnAlongInputs<T, TStore>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int inputCount, int outputs, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TStore : IGradientStore<T>
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
                StoreToColumn<T, TStore>(ref target, outputs, g0, slope);
                StoreToColumn<T, TStore>(ref Unsafe.Add(ref target, lanes * outputs), outputs, g1, slope);
                StoreToColumn<T, TStore>(ref Unsafe.Add(ref target, 2 * lanes * outputs), outputs, g2, slope);
                StoreToColumn<T, TStore>(ref Unsafe.Add(ref target, 3 * lanes * outputs), outputs, g3, slope);
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

                StoreToColumn<T, TStore>(ref Unsafe.Add(ref gw, (i * outputs) + column), outputs, g0, slope);
            }
        }

        for (; i < inputCount; i++)
        {
            T sum = T.Zero;
            for (int s = 0; s < batch; s++)
            {
                sum += Unsafe.Add(ref x, (s * inputStride) + i) * Unsafe.Add(ref deltas, s * deltaStride);
            }

            TStore.StoreOne(sum, ref Unsafe.Add(ref gw, (i * outputs) + column), slope);
        }
    }

    /// <summary>Stores the lanes of <paramref name="sums"/> to a column: lane <c>k</c> to <c>target[k·stride]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreToColumn<T, TStore>(ref T target, int stride, Vector<T> sums, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TStore : IGradientStore<T>
    {
        for (int k = 0; k < Vector<T>.Count; k++)
        {
            TStore.StoreOne(sums[k], ref Unsafe.Add(ref target, k * stride), slope);
        }
    }

    /// <summary>Every row of the weight gradient's columns <c>[column, column + 2·TWidth.Count)</c>: four rows a tile, then single rows.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TilesOfColumnPair<T, TVector, TWidth, TStore>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int inputCount, int outputs, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
        where TStore : IGradientStore<T>
    {
        nint second = column + TWidth.Count;
        int i = 0;
        for (; i + RegisterTiles.Rows <= inputCount; i += RegisterTiles.Rows)
        {
            RegisterTiles.FourByTwo<T, TVector, TWidth, StridedRows<T>, ZeroStart<T>, TStore>(
                ref Unsafe.Add(ref x, i), 1, inputStride, new StridedRows<T>(ref d, deltaStride), batch, default, ref Unsafe.Add(ref gw, i * outputs), outputs, slope, column, second, column, second);
        }

        for (; i < inputCount; i++)
        {
            RegisterTiles.OneByTwo<T, TVector, TWidth, StridedRows<T>, ZeroStart<T>, TStore>(
                ref Unsafe.Add(ref x, i), inputStride, new StridedRows<T>(ref d, deltaStride), batch, default, ref Unsafe.Add(ref gw, i * outputs), slope, column, second, column, second);
        }
    }

    /// <summary>
    /// Every row of the weight gradient's columns <c>[column, column + 4·16)</c> (floats; 4·8 doubles) on 512-bit vectors:
    /// four rows × four vectors a tile, sixteen of the 32 registers, so each sample's four broadcast inputs serve sixteen
    /// multiply-adds (eight in the pair tile). Then single rows, as two pairs.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TilesOfFourVectors<T, TStore>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int inputCount, int outputs, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TStore : IGradientStore<T>
    {
        nint lanes = Vector512<T>.Count;
        int i = 0;
        for (; i + RegisterTiles.Rows <= inputCount; i += RegisterTiles.Rows)
        {
            RegisterTiles.FourByFour<T, Vector512<T>, Vector512Width<T>, StridedRows<T>, ZeroStart<T>, TStore>(
                ref Unsafe.Add(ref x, i),
                1,
                inputStride,
                new StridedRows<T>(ref d, deltaStride),
                batch,
                default,
                ref Unsafe.Add(ref gw, i * outputs),
                outputs,
                slope,
                column,
                column + lanes,
                column + (2 * lanes),
                column + (3 * lanes),
                column,
                column + lanes,
                column + (2 * lanes),
                column + (3 * lanes));
        }

        for (; i < inputCount; i++)
        {
            for (nint pair = column; pair < column + (4 * lanes); pair += 2 * lanes)
            {
                RegisterTiles.OneByTwo<T, Vector512<T>, Vector512Width<T>, StridedRows<T>, ZeroStart<T>, TStore>(
                    ref Unsafe.Add(ref x, i), inputStride, new StridedRows<T>(ref d, deltaStride), batch, default, ref Unsafe.Add(ref gw, i * outputs), slope, pair, pair + lanes, pair, pair + lanes);
            }
        }
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
        nint lanes = TWidth.Count;
        RegisterTiles.FourByFour<T, TVector, TWidth, StridedRows<T>, ColumnBias<T>, Overwrite<T, TActivation>>(
            ref x, inputStride, 1, new StridedRows<T>(ref w, outputCount), inputCount, new ColumnBias<T>(ref b), ref y, outputStride, slope, column, column + lanes, column + (2 * lanes), column + (3 * lanes), column, column + lanes, column + (2 * lanes), column + (3 * lanes));
        Activate<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, column), outputStride, 4, slope);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForwardTile<T, TActivation, TVector, TWidth>(
        ref T w, ref T b, ref T x, int inputStride, int inputCount, ref T y, int outputStride, int outputCount, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        nint second = column + TWidth.Count;
        RegisterTiles.FourByTwo<T, TVector, TWidth, StridedRows<T>, ColumnBias<T>, Overwrite<T, TActivation>>(
            ref x, inputStride, 1, new StridedRows<T>(ref w, outputCount), inputCount, new ColumnBias<T>(ref b), ref y, outputStride, slope, column, second, column, second);
        Activate<T, TActivation, TVector, TWidth>(ref Unsafe.Add(ref y, column), outputStride, 2, slope);
    }

    /// <summary>
    /// Applies <typeparamref name="TActivation"/> in place to the <paramref name="vectors"/> vectors of a tile's four
    /// rows that a forward tile has just stored (still in L1), in a loop, so that the activation is inlined once; nothing
    /// for the activations the tile's store applied (see <see cref="RegisterTiles.ActivatesInStore"/>).
    /// </summary>
    private static void Activate<T, TActivation, TVector, TWidth>(ref T first, int rowStride, int vectors, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        if (RegisterTiles.ActivatesInStore<T, TActivation>())
        {
            return;
        }

        for (int row = 0; row < RegisterTiles.Rows; row++)
        {
            ref T values = ref Unsafe.Add(ref first, row * rowStride);
            for (int v = 0; v < vectors; v++)
            {
                nuint at = (nuint)(v * TWidth.Count);
                TWidth.Store(TWidth.Apply<TActivation>(TWidth.Load(ref values, at), slope), ref values, at);
            }
        }
    }

    /// <summary>One row × one vector of the weight gradient, over two chains of samples (even and odd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NarrowTile<T, TStore>(ref T x, int inputStride, ref T d, int deltaStride, int batch, ref T gw, int outputs, int row, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TStore : IGradientStore<T> =>
        RegisterTiles.OneByOne<T, Vector<T>, VectorTWidth<T>, StridedRows<T>, ZeroStart<T>, TStore>(
            ref Unsafe.Add(ref x, row), inputStride, new StridedRows<T>(ref d, deltaStride), batch, default, ref Unsafe.Add(ref gw, row * outputs), slope, column, column);
}
