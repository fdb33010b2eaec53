using System;
using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNN.Kernels;

/// <summary>
/// A block of samples through one recurrent layer (one direction) at once, for training: the samples advance together,
/// one time step at a time, so each step's products are matrix products over the block, run by
/// <see cref="DenseBatchKernel"/>'s register tiles, where one sample at a time would stream every weight once per
/// sample and step and, in backward, read and write the whole weight gradient once per sample and step.
/// <para>
/// Forward, step t: the gate sums <c>[X_t, H_{t−1}]·[W_ih; W_hh] + b_ih + b_hh</c> (<c>[batch × (F + H)]·[(F + H) ×
/// G·H]</c>, the weights stacked once per call); the GRU, which keeps them apart as in <see cref="Forward"/>, the input
/// part <c>X_t·W_ih + b_ih</c> and the hidden part <c>H_{t−1}·W_hh + b_hh</c>. Then each sample's units (the LSTM's
/// gate values for every sample before any state, one call per gate for the whole block, see <see cref="GateRows"/>). Backward, step t: each sample's gate gradients <c>DZ_t</c>, then
/// <c>dW_ih += X_tᵀ·DZ_t</c>, <c>dW_hh += H_{t−1}ᵀ·DZ_t</c> (register tiles that sum over the block before touching
/// the gradient), <c>dX_t = DZ_t·W_ihᵀ</c> and the carried <c>dL/dH_{t−1} = DZ_t·W_hhᵀ</c>, both products with the
/// transposed weights, laid out once per call in <c>scratch</c>.
/// </para>
/// <para>
/// The initial state is zero. Sample <c>b</c>'s values lie at <c>b·stride</c> of each span, with the layout of the
/// one-sample kernels: input <c>[T, F]</c>; <c>states</c> its hidden states <c>[T, H]</c> followed by what backward
/// needs, <c>[T, SavedPerStep]</c>; <c>sampleScratch</c> <see cref="BlockSampleScratchLength"/> values. The sums
/// run in another order than <see cref="Forward"/>'s and <see cref="Backward"/>'s (the tests hold the results to theirs
/// within 1e-12, relative, in double), an order that depends only on the sizes and on the samples' place in the block:
/// equal blocks give equal bits. Nothing is allocated.
/// </para>
/// </summary>
public static partial class RecurrentKernel
{
    /// <summary>
    /// Scratch one call of <see cref="ForwardBlock"/> or <see cref="BackwardBlock"/> shares across its samples:
    /// <c>max(F, H)</c> zeros (the initial state, and zero biases for the transposed products); <c>2·G·H</c> for
    /// forward's <c>b_ih + b_hh</c> or backward's running sums of the gate gradients (the bias gradients); then
    /// <c>G·H·(F + H)</c> for forward's stacked weights <c>[W_ih; W_hh]</c> or backward's <c>W_hhᵀ</c>
    /// (<c>[G·H, H]</c>) and <c>W_ihᵀ</c> (<c>[G·H, F]</c>).
    /// </summary>
    public static int BlockScratchLength(RecurrentCell cell, int inputSize, int hiddenSize)
        => Math.Max(inputSize, hiddenSize) + (GateCount(cell) * hiddenSize * (2 + inputSize + hiddenSize));

    /// <summary>
    /// Scratch per sample of a block: forward, a step's gate sums and the row <c>[x_t, h_{t−1}]</c> they are formed
    /// from, or for the GRU the input and hidden parts of the sums;
    /// backward, the gate gradients for <c>W_ih</c> and for <c>W_hh</c> (<c>2·G·H</c>, the same for all but the GRU),
    /// the carried <c>dL/dh</c>, the LSTM's carried <c>dL/dc</c> or the GRU's direct part of <c>dL/dh_{t−1}</c>
    /// (<c>H</c> each), and a step's input gradient when it is added rather than written (<c>F</c>).
    /// </summary>
    public static int BlockSampleScratchLength(RecurrentCell cell, int inputSize, int hiddenSize)
        => (2 * GateCount(cell) * hiddenSize) + (2 * hiddenSize) + inputSize;

    /// <summary>
    /// Runs the cell over the sequences of <paramref name="batch"/> samples (see the summary above for the layout),
    /// writing each sample's hidden states and saved values as <see cref="Forward"/> does from a zero state.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a frame of its own: inlined into a caller, the gate nonlinearities' inlining budget runs out
    public static void ForwardBlock<T>(
        RecurrentCell cell,
        int steps,
        int inputSize,
        int hiddenSize,
        bool reverse,
        int batch,
        ReadOnlySpan<T> input,
        int inputStride,
        ReadOnlySpan<T> weightIh,
        ReadOnlySpan<T> weightHh,
        ReadOnlySpan<T> biasIh,
        ReadOnlySpan<T> biasHh,
        Span<T> states,
        int stateStride,
        Span<T> sampleScratch,
        int sampleScratchStride,
        Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int f = inputSize;
        int h = hiddenSize;
        int gh = GateCount(cell) * h;
        AssertBlockShapes(cell, steps, f, h, batch, input, inputStride, weightIh, weightHh, biasIh, biasHh, states, stateStride, sampleScratch, sampleScratchStride, scratch);
        if (steps <= 0 || batch <= 0)
        {
            return;
        }

        int zeroLength = Math.Max(f, h);
        Span<T> zeros = scratch.Slice(0, zeroLength);
        zeros.Clear();
        ref T zero = ref MemoryMarshal.GetReference(zeros);
        ref T x0 = ref MemoryMarshal.GetReference(input);
        ref T states0 = ref MemoryMarshal.GetReference(states);
        ref T work0 = ref MemoryMarshal.GetReference(sampleScratch);

        // Per sample, the gate sums (the GRU: their input parts), then the GRU's hidden parts or the other cells' row
        // [x_t, h_{t−1}]: for them one product per step, the rows times the stacked [W_ih; W_hh], plus b_ih + b_hh.
        Span<T> sums = Rows(ref work0, sampleScratchStride, batch, gh);
        Span<T> second = Rows(ref Unsafe.Add(ref work0, gh), sampleScratchStride, batch, Math.Max(gh, f + h));
        bool stacked = cell != RecurrentCell.Gru;
        Span<T> biasSum = scratch.Slice(zeroLength, gh);
        Span<T> stackedWeights = scratch.Slice(zeroLength + (2 * gh), (f + h) * gh);
        if (stacked)
        {
            TensorPrimitives.Add(biasIh, biasHh, biasSum);
            weightIh.CopyTo(stackedWeights);
            weightHh.CopyTo(stackedWeights.Slice(f * gh));
        }

        for (int s = 0; s < steps; s++)
        {
            int t = reverse ? steps - 1 - s : s;
            int previous = reverse ? t + 1 : t - 1;
            bool first = s == 0;
            if (stacked && first)
            {
                // h_{−1} = 0: the input's product alone.
                DenseBatchKernel.Forward<T, IdentityActivation<T>>(
                    weightIh, biasSum, Rows(ref Unsafe.Add(ref x0, t * f), inputStride, batch, f), inputStride, f, sums, sampleScratchStride, batch, T.Zero);
            }
            else if (stacked)
            {
                ref T rows0 = ref MemoryMarshal.GetReference(second);
                for (int b = 0; b < batch; b++)
                {
                    ref T row = ref Unsafe.Add(ref rows0, b * sampleScratchStride);
                    CopyShort(ref Unsafe.Add(ref x0, (b * inputStride) + (t * f)), ref row, f);
                    CopyShort(ref Unsafe.Add(ref states0, (b * stateStride) + (previous * h)), ref Unsafe.Add(ref row, f), h);
                }

                DenseBatchKernel.Forward<T, IdentityActivation<T>>(stackedWeights, biasSum, second, sampleScratchStride, f + h, sums, sampleScratchStride, batch, T.Zero);
            }
            else
            {
                DenseBatchKernel.Forward<T, IdentityActivation<T>>(
                    weightIh, biasIh, Rows(ref Unsafe.Add(ref x0, t * f), inputStride, batch, f), inputStride, f, sums, sampleScratchStride, batch, T.Zero);
                if (first)
                {
                    // Every sample's h_{−1} is the same zero row.
                    DenseBatchKernel.Forward<T, IdentityActivation<T>>(weightHh, biasHh, zeros.Slice(0, h), 0, h, second, sampleScratchStride, batch, T.Zero);
                }
                else
                {
                    DenseBatchKernel.Forward<T, IdentityActivation<T>>(
                        weightHh, biasHh, Rows(ref Unsafe.Add(ref states0, previous * h), stateStride, batch, h), stateStride, h, second, sampleScratchStride, batch, T.Zero);
                }
            }

            ForwardUnits(cell, h, steps, t, previous, first, batch, ref states0, stateStride, ref work0, sampleScratchStride, ref zero);
        }
    }

    /// <summary>
    /// Step <paramref name="t"/>'s units for every sample of a <see cref="ForwardBlock"/>, from the gate sums in each
    /// sample's scratch: the LSTM's gate values for every sample before any state (<see cref="GateRows"/>, a call per
    /// gate), so that many independent nonlinearities are in flight at once. A frame of its own, so that the JIT inlines
    /// the per-sample state updates here (in <see cref="ForwardBlock"/>, the products spend its inlining budget, and each
    /// call stayed a call).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForwardUnits<T>(
        RecurrentCell cell, int h, int steps, int t, int previous, bool first, int batch, ref T states0, int stateStride, ref T work0, int sampleScratchStride, ref T zero)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int gh = GateCount(cell) * h;
        int savedStride = SavedPerStep(cell, h);
        if (cell == RecurrentCell.Lstm)
        {
            // Each gate for every sample at once, as LstmGateValues does it for one: σ(i), σ(f), tanh(g), σ(o)
            ref T values0 = ref Unsafe.Add(ref states0, (steps * h) + (t * savedStride));
            GateRows<T, SigmoidGate<T>>(h, batch, ref work0, sampleScratchStride, ref values0, stateStride);
            GateRows<T, SigmoidGate<T>>(h, batch, ref Unsafe.Add(ref work0, h), sampleScratchStride, ref Unsafe.Add(ref values0, h), stateStride);
            GateRows<T, TanhGate<T>>(h, batch, ref Unsafe.Add(ref work0, 2 * h), sampleScratchStride, ref Unsafe.Add(ref values0, 2 * h), stateStride);
            GateRows<T, SigmoidGate<T>>(h, batch, ref Unsafe.Add(ref work0, 3 * h), sampleScratchStride, ref Unsafe.Add(ref values0, 3 * h), stateStride);
        }

        for (int b = 0; b < batch; b++)
        {
            ref T sample = ref Unsafe.Add(ref states0, b * stateStride);
            ref T pre = ref Unsafe.Add(ref work0, b * sampleScratchStride);
            ref T hiddenPre = ref Unsafe.Add(ref pre, gh);
            ref T hOut = ref Unsafe.Add(ref sample, t * h);
            ref T savedRow = ref Unsafe.Add(ref sample, (steps * h) + (t * savedStride));
            switch (cell)
            {
                case RecurrentCell.Lstm:
                    ref T cPrevious = ref first ? ref zero : ref Unsafe.Add(ref sample, (steps * h) + (previous * savedStride) + (4 * h));
                    LstmStates(h, ref savedRow, ref cPrevious, ref hOut, ref Unsafe.Add(ref savedRow, 4 * h));
                    break;
                case RecurrentCell.Gru:
                    ref T hPrevious = ref first ? ref zero : ref Unsafe.Add(ref sample, previous * h);
                    GruActivations(h, ref pre, ref hiddenPre, ref hPrevious, ref hOut, ref savedRow, save: true);
                    break;
                default:
                    RnnUnits(h, cell == RecurrentCell.RnnReLU, ref pre, ref hOut);
                    break;
            }
        }
    }

    /// <summary>
    /// Backpropagation through time over a block, for the <see cref="ForwardBlock"/> call with the same input,
    /// parameters, <paramref name="reverse"/> and <paramref name="batch"/>, whose <paramref name="states"/> are passed
    /// back. <c>dL/dh_t</c> from above is sample <c>b</c>'s <paramref name="outputGradient"/> at
    /// <c>b·outputGradientStride + t·outputStepStride</c> (<c>H</c> values); with <paramref name="outputStepStride"/> 0,
    /// only the last step processed (t = T−1, or 0 when <paramref name="reverse"/>) has one, at
    /// <c>b·outputGradientStride</c>. Adds the four parameter gradients as <see cref="Backward"/> does; writes each
    /// sample's <c>dL/dx</c> (<c>[T, F]</c> at <c>b·inputGradientStride</c>) to <paramref name="inputGradient"/>, or
    /// adds it there with <paramref name="addInputGradient"/> (a bidirectional layer's second direction), unless
    /// <paramref name="inputGradient"/> is empty.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // as ForwardBlock
    public static void BackwardBlock<T>(
        RecurrentCell cell,
        int steps,
        int inputSize,
        int hiddenSize,
        bool reverse,
        int batch,
        ReadOnlySpan<T> input,
        int inputStride,
        ReadOnlySpan<T> weightIh,
        ReadOnlySpan<T> weightHh,
        ReadOnlySpan<T> biasIh,
        ReadOnlySpan<T> biasHh,
        ReadOnlySpan<T> states,
        int stateStride,
        ReadOnlySpan<T> outputGradient,
        int outputGradientStride,
        int outputStepStride,
        Span<T> weightIhGradient,
        Span<T> weightHhGradient,
        Span<T> biasIhGradient,
        Span<T> biasHhGradient,
        Span<T> inputGradient,
        int inputGradientStride,
        bool addInputGradient,
        Span<T> sampleScratch,
        int sampleScratchStride,
        Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int f = inputSize;
        int h = hiddenSize;
        int gh = GateCount(cell) * h;
        AssertBlockShapes(cell, steps, f, h, batch, input, inputStride, weightIh, weightHh, biasIh, biasHh, states, stateStride, sampleScratch, sampleScratchStride, scratch);
        Debug.Assert(weightIhGradient.Length == weightIh.Length && weightHhGradient.Length == weightHh.Length, "weight gradients do not match the weights");
        Debug.Assert(biasIhGradient.Length == biasIh.Length && biasHhGradient.Length == biasHh.Length, "bias gradients do not match the biases");
        Debug.Assert(inputGradient.IsEmpty || inputGradient.Length >= ((batch - 1) * inputGradientStride) + (steps * f), "inputGradient is too short for the block");
        if (steps <= 0 || batch <= 0)
        {
            return;
        }

        int zeroLength = Math.Max(f, h);
        Span<T> zeros = scratch.Slice(0, zeroLength);
        zeros.Clear();
        ref T zero = ref MemoryMarshal.GetReference(zeros);
        Span<T> gateSum = scratch.Slice(zeroLength, gh);
        Span<T> hiddenGateSum = cell == RecurrentCell.Gru ? scratch.Slice(zeroLength + gh, gh) : gateSum;
        gateSum.Clear();
        hiddenGateSum.Clear();
        Span<T> transposedHh = scratch.Slice(zeroLength + (2 * gh), gh * h);
        TransposeKernel.Transpose<T>(weightHh, h, gh, transposedHh);
        bool wantsInputGradient = !inputGradient.IsEmpty;
        Span<T> transposedIh = scratch.Slice(zeroLength + (2 * gh) + (gh * h), gh * f);
        if (wantsInputGradient)
        {
            TransposeKernel.Transpose<T>(weightIh, f, gh, transposedIh);
        }

        // Per sample: gate gradients for W_ih (and b_ih), for W_hh (and b_hh; the same row but for the GRU), the
        // carried dL/dh, the LSTM's carried dL/dc or the GRU's direct part, and a step's input gradient to add.
        ref T work0 = ref MemoryMarshal.GetReference(sampleScratch);
        int hiddenGatesAt = cell == RecurrentCell.Gru ? gh : 0;
        int carryAt = 2 * gh;
        int secondAt = carryAt + h;
        int stepInputAt = secondAt + h;
        Span<T> gates = Rows(ref work0, sampleScratchStride, batch, gh);
        Span<T> hiddenGates = Rows(ref Unsafe.Add(ref work0, hiddenGatesAt), sampleScratchStride, batch, gh);
        Span<T> carries = Rows(ref Unsafe.Add(ref work0, carryAt), sampleScratchStride, batch, h);
        Span<T> stepInputGradients = Rows(ref Unsafe.Add(ref work0, stepInputAt), sampleScratchStride, batch, f);
        for (int b = 0; b < batch; b++)
        {
            sampleScratch.Slice((b * sampleScratchStride) + carryAt, 2 * h).Clear();
        }

        ref T x0 = ref MemoryMarshal.GetReference(input);
        ref T states0 = ref MemoryMarshal.GetReference(states);
        ref T dy0 = ref MemoryMarshal.GetReference(outputGradient);
        ref T dx0 = ref MemoryMarshal.GetReference(inputGradient);
        for (int s = steps - 1; s >= 0; s--)
        {
            int t = reverse ? steps - 1 - s : s;
            int previous = reverse ? t + 1 : t - 1;
            bool first = s == 0;
            bool hasOutputGradient = outputStepStride != 0 || s == steps - 1;

            // The gate gradients; the bias gradients sum them over steps and samples, added once at the end.
            BackwardUnits(
                cell, h, steps, t, previous, first, batch, ref states0, stateStride, ref work0, sampleScratchStride, ref hasOutputGradient ? ref Unsafe.Add(ref dy0, t * outputStepStride) : ref zero,
                hasOutputGradient ? outputGradientStride : 0, ref zero, gateSum, hiddenGateSum);

            // dW_ih += X_tᵀ·DZ_t; the same through W_hh from H_{t−1}, which before the first step is zero.
            DenseBatchKernel.AccumulateWeightGradients(Rows(ref Unsafe.Add(ref x0, t * f), inputStride, batch, f), inputStride, gates, sampleScratchStride, batch, weightIhGradient, gh);
            if (!first)
            {
                DenseBatchKernel.AccumulateWeightGradients(
                    Rows(ref Unsafe.Add(ref states0, previous * h), stateStride, batch, h), stateStride, hiddenGates, sampleScratchStride, batch, weightHhGradient, gh);
            }

            if (wantsInputGradient)
            {
                if (addInputGradient)
                {
                    DenseBatchKernel.Forward<T, IdentityActivation<T>>(
                        transposedIh, zeros.Slice(0, f), gates, sampleScratchStride, gh, stepInputGradients, sampleScratchStride, batch, T.Zero);
                    for (int b = 0; b < batch; b++)
                    {
                        Add(stepInputGradients.Slice(b * sampleScratchStride, f), inputGradient.Slice((b * inputGradientStride) + (t * f), f));
                    }
                }
                else
                {
                    DenseBatchKernel.Forward<T, IdentityActivation<T>>(
                        transposedIh, zeros.Slice(0, f), gates, sampleScratchStride, gh, Rows(ref Unsafe.Add(ref dx0, t * f), inputGradientStride, batch, f), inputGradientStride, batch, T.Zero);
                }
            }

            if (!first)
            {
                // dL/dH_{t−1} = DZ_t·W_hhᵀ (plus the GRU's direct part), carried to the step before.
                DenseBatchKernel.Forward<T, IdentityActivation<T>>(transposedHh, zeros.Slice(0, h), hiddenGates, sampleScratchStride, gh, carries, sampleScratchStride, batch, T.Zero);
                if (cell == RecurrentCell.Gru)
                {
                    for (int b = 0; b < batch; b++)
                    {
                        Add(sampleScratch.Slice((b * sampleScratchStride) + secondAt, h), carries.Slice(b * sampleScratchStride, h));
                    }
                }
            }
        }

        Add(gateSum, biasIhGradient);
        Add(hiddenGateSum, biasHhGradient);
    }

    /// <summary>
    /// Step <paramref name="t"/>'s gate gradients for every sample of a <see cref="BackwardBlock"/> (into each sample's
    /// scratch, with the carried <c>dL/dh</c> and <c>dL/dc</c>), summed into <paramref name="gateSum"/> (and the GRU's
    /// hidden-part gradients into <paramref name="hiddenGateSum"/>). Sample <c>b</c>'s <c>dL/dh_t</c> from above is at
    /// <c>b·outputGradientStride</c> of <paramref name="outputGradient"/> (all samples read the zero row when the
    /// stride is 0). A frame of its own, as <see cref="ForwardUnits"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void BackwardUnits<T>(
        RecurrentCell cell,
        int h,
        int steps,
        int t,
        int previous,
        bool first,
        int batch,
        ref T states0,
        int stateStride,
        ref T work0,
        int sampleScratchStride,
        ref T outputGradient,
        int outputGradientStride,
        ref T zero,
        Span<T> gateSum,
        Span<T> hiddenGateSum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int gh = GateCount(cell) * h;
        int savedStride = SavedPerStep(cell, h);
        int carryAt = 2 * gh;
        int secondAt = carryAt + h;
        for (int b = 0; b < batch; b++)
        {
            ref T sample = ref Unsafe.Add(ref states0, b * stateStride);
            ref T work = ref Unsafe.Add(ref work0, b * sampleScratchStride);
            ReadOnlySpan<T> dh = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref outputGradient, b * outputGradientStride), h);
            ReadOnlySpan<T> carry = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref work, carryAt), h);
            Span<T> second = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref work, secondAt), h);
            Span<T> gateGradient = MemoryMarshal.CreateSpan(ref work, gh);
            ReadOnlySpan<T> saved = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref sample, (steps * h) + (t * savedStride)), savedStride);
            switch (cell)
            {
                case RecurrentCell.Lstm:
                    ref T cPrevious = ref first ? ref zero : ref Unsafe.Add(ref sample, (steps * h) + (previous * savedStride) + (4 * h));
                    LstmStepBackward(h, saved, MemoryMarshal.CreateReadOnlySpan(ref cPrevious, h), dh, carry, second, gateGradient);
                    break;
                case RecurrentCell.Gru:
                    ref T hPrevious = ref first ? ref zero : ref Unsafe.Add(ref sample, previous * h);
                    Span<T> hiddenGateGradient = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref work, gh), gh);
                    GruStepBackward(h, saved, MemoryMarshal.CreateReadOnlySpan(ref hPrevious, h), dh, carry, gateGradient, hiddenGateGradient, second);
                    break;
                default:
                    RnnStepBackward(cell == RecurrentCell.RnnReLU, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref sample, t * h), h), dh, carry, gateGradient);
                    break;
            }
        }

        RowSums.AddRows(ref work0, sampleScratchStride, batch, gateSum);
        if (cell == RecurrentCell.Gru)
        {
            RowSums.AddRows(ref Unsafe.Add(ref work0, gh), sampleScratchStride, batch, hiddenGateSum);
        }
    }

    /// <summary>The rows of <paramref name="batch"/> samples, <paramref name="stride"/> apart, each <paramref name="length"/> long, as one span.</summary>
    private static Span<T> Rows<T>(ref T first, int stride, int batch, int length)
        => MemoryMarshal.CreateSpan(ref first, ((batch - 1) * stride) + length);

    [Conditional("DEBUG")]
    private static void AssertBlockShapes<T>(
        RecurrentCell cell,
        int steps,
        int inputSize,
        int hiddenSize,
        int batch,
        ReadOnlySpan<T> input,
        int inputStride,
        ReadOnlySpan<T> weightIh,
        ReadOnlySpan<T> weightHh,
        ReadOnlySpan<T> biasIh,
        ReadOnlySpan<T> biasHh,
        ReadOnlySpan<T> states,
        int stateStride,
        Span<T> sampleScratch,
        int sampleScratchStride,
        Span<T> scratch)
    {
        int last = Math.Max(0, batch - 1);
        Debug.Assert(scratch.Length >= BlockScratchLength(cell, inputSize, hiddenSize), "scratch is shorter than BlockScratchLength");
        Debug.Assert(weightIh.Length == inputSize * GateCount(cell) * hiddenSize && weightHh.Length == hiddenSize * GateCount(cell) * hiddenSize, "a weight is not [F or H, G·H]");
        Debug.Assert(biasIh.Length == GateCount(cell) * hiddenSize && biasHh.Length == biasIh.Length, "a bias is not [G·H]");
        Debug.Assert(input.Length >= (last * inputStride) + (steps * inputSize), "input is too short for the block");
        Debug.Assert(states.Length >= (last * stateStride) + (steps * (hiddenSize + SavedPerStep(cell, hiddenSize))), "states is too short for the block");
        Debug.Assert(sampleScratch.Length >= (last * sampleScratchStride) + BlockSampleScratchLength(cell, inputSize, hiddenSize), "sampleScratch is too short for the block");
    }
}
