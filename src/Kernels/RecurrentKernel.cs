using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNN.Kernels;

/// <summary>The cell of a recurrent layer, with PyTorch's equations (<c>nn.RNN</c>, <c>nn.LSTM</c>, <c>nn.GRU</c>).</summary>
public enum RecurrentCell
{
    /// <summary><c>h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)</c>: one gate.</summary>
    RnnTanh = 0,

    /// <summary><c>h_t = relu(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)</c>: one gate.</summary>
    RnnReLU = 1,

    /// <summary>
    /// Four gates in the order i, f, g, o: <c>i = σ(·)</c>, <c>f = σ(·)</c>, <c>g = tanh(·)</c>, <c>o = σ(·)</c>, each of
    /// <c>W_i· x + b_i· + W_h· h + b_h·</c>; <c>c_t = f⊙c_{t−1} + i⊙g</c>, <c>h_t = o⊙tanh(c_t)</c>.
    /// </summary>
    Lstm = 2,

    /// <summary>
    /// Three gates in the order r, z, n: <c>r = σ(W_ir x + b_ir + W_hr h + b_hr)</c>, <c>z = σ(W_iz x + b_iz + W_hz h + b_hz)</c>,
    /// <c>n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn))</c> (<c>b_hn</c> inside the reset product),
    /// <c>h_t = (1 − z)⊙n + z⊙h_{t−1}</c>.
    /// </summary>
    Gru = 3,
}

/// <summary>
/// The kernels of a recurrent layer (one layer, one direction) over one sample, with PyTorch's equations (see
/// <see cref="RecurrentCell"/>). Sequences are row-major: the input is <c>[T, F]</c>, the hidden states <c>[T, H]</c>.
/// <para>
/// Storage is GenNN's, input-major, the transpose of PyTorch's: <c>weightIh</c> is <c>[F, G·H]</c> (row <c>i</c> holds
/// input <c>i</c>'s weights to every gate unit, gate blocks in PyTorch's order, i|f|g|o or r|z|n), <c>weightHh</c> is
/// <c>[H, G·H]</c>, and <c>biasIh</c>, <c>biasHh</c> are <c>[G·H]</c> each, kept apart like PyTorch's <c>bias_ih</c> and
/// <c>bias_hh</c>. A step's pre-activations <c>biasIh + biasHh + Σ_i x_i·weightIh[i, :] + Σ_j h_j·weightHh[j, :]</c>
/// then run across the contiguous G·H gate units, several <see cref="Vector{T}"/>s held in registers while each
/// weight row streams past once (the GRU keeps its n gate's hidden part, <c>W_hn h + b_hn</c>, apart: it is
/// multiplied by r). The gate nonlinearities follow in whole vectors, 512-bit ones where the processor has AVX-512
/// (<see cref="VectorWidth"/>), then unit by unit.
/// </para>
/// <para>
/// <see cref="Forward"/> runs a whole sequence by calling the same step code as <see cref="Step"/> (the streaming
/// entry point), so both give bit-identical states. <see cref="Backward"/> is backpropagation through time.
/// σ and tanh are computed in SIMD to within a few units in the last place, relative, in float and in double (see
/// <see cref="VectorExponentials.Sigmoid{T, TVector, TWidth}(TVector)"/> and <see cref="VectorExponentials.Tanh{T, TVector, TWidth}(TVector)"/>). With <c>H</c> of two vectors (16
/// floats), the common streaming size, the LSTM and GRU steps keep every gate sum in registers.
/// </para>
/// <para>
/// Speed depends on where the weights sit: vector loads that straddle two cache lines cost about a tenth of the
/// streaming step (measured, LSTM 1→16 float: 61 ns with 32-byte-aligned weights, up to 70 ns otherwise). .NET arrays
/// guarantee only 8-byte alignment, so callers that care keep the parameters at a 32-byte (64 for AVX-512 vectors)
/// boundary of pinned or native memory.
/// </para>
/// The spans must have the lengths named on each member (not checked in release builds: the generated code guarantees
/// them); <c>scratch</c> needs <see cref="ScratchLength"/> values and its content is neither read before written nor
/// kept. Nothing is allocated.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class RecurrentKernel
{
    /// <summary>Gates per hidden unit: 1 for the plain RNN, 4 for the LSTM, 3 for the GRU.</summary>
    public static int GateCount(RecurrentCell cell) => cell switch
    {
        RecurrentCell.Lstm => 4,
        RecurrentCell.Gru => 3,
        _ => 1,
    };

    /// <summary>
    /// Values per step that <see cref="Forward"/> saves in <c>saved</c> (<c>[T, SavedPerStep]</c>) for
    /// <see cref="Backward"/>: plain RNN 0 (its derivative comes from <c>h_t</c>, already in <c>hidden</c>); LSTM
    /// <c>6·H</c>, the activations i, f, g, o, the cell state <c>c_t</c> and <c>tanh(c_t)</c>, in that order; GRU <c>4·H</c>, the
    /// activations r, z, n and the hidden part of n's pre-activation, <c>W_hn h_{t−1} + b_hn</c>, in that order.
    /// </summary>
    public static int SavedPerStep(RecurrentCell cell, int hiddenSize) => cell switch
    {
        RecurrentCell.Lstm => 6 * hiddenSize,
        RecurrentCell.Gru => 4 * hiddenSize,
        _ => 0,
    };

    /// <summary>
    /// Scratch values one call of <see cref="Forward"/>, <see cref="Step"/> or <see cref="Backward"/> needs: plain
    /// RNN <c>3·H</c>, LSTM <c>7·H</c>, GRU <c>9·H</c>. The first <c>H</c> hold zeros standing in for an empty initial
    /// state; the rest hold a step's pre-activations (Forward, Step: <c>H</c>, <c>4·H</c> and the LSTM's
    /// <c>tanh(c_t)</c> after a gap, <c>6·H</c>) or the backward pass's gate gradients and carried <c>dL/dh</c>,
    /// <c>dL/dc</c> (<c>2·H</c>, <c>6·H</c>, <c>8·H</c>).
    /// <paramref name="inputSize"/> does not enter: every product streams the input instead of buffering it.
    /// </summary>
    public static int ScratchLength(RecurrentCell cell, int inputSize, int hiddenSize) => cell switch
    {
        RecurrentCell.Lstm => 7 * hiddenSize,
        RecurrentCell.Gru => 9 * hiddenSize,
        _ => 3 * hiddenSize,
    };

    /// <summary>
    /// Runs the cell over a whole sequence of one sample. <paramref name="input"/> is <c>[T, F]</c> with
    /// <c>T = <paramref name="steps"/></c>; the steps run t = 0 … T−1, or T−1 … 0 when <paramref name="reverse"/> (the
    /// backward direction of a bidirectional layer), and <c>h_t</c> is stored at row t of <paramref name="hidden"/>
    /// (<c>[T, H]</c>) either way. <paramref name="hidden0"/> (<c>[H]</c>) and, for the LSTM, <paramref name="cell0"/>
    /// (<c>[H]</c>) are the state before the first step; either may be empty for zeros (<paramref name="cell0"/> is
    /// unused by the other cells). <paramref name="saved"/> receives <c>[T, SavedPerStep]</c> for
    /// <see cref="Backward"/> (the LSTM's final cell state is its last processed row's <c>c_t</c>).
    /// </summary>
    public static void Forward<T>(
        RecurrentCell cell,
        int steps,
        int inputSize,
        int hiddenSize,
        bool reverse,
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> weightIh,
        ReadOnlySpan<T> weightHh,
        ReadOnlySpan<T> biasIh,
        ReadOnlySpan<T> biasHh,
        ReadOnlySpan<T> hidden0,
        ReadOnlySpan<T> cell0,
        Span<T> hidden,
        Span<T> saved,
        Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int h = hiddenSize;
        int savedStride = SavedPerStep(cell, h);
        AssertShapes(cell, inputSize, h, weightIh, weightHh, biasIh, biasHh, scratch);
        Debug.Assert(input.Length == steps * inputSize, "input is not [T, F]");
        Debug.Assert(hidden.Length == steps * h, "hidden is not [T, H]");
        Debug.Assert(saved.Length == steps * savedStride, "saved is not [T, SavedPerStep]");
        Debug.Assert(hidden0.IsEmpty || hidden0.Length == h, "hidden0 is not [H]");
        Debug.Assert(cell != RecurrentCell.Lstm || cell0.IsEmpty || cell0.Length == h, "cell0 is not [H]");
        if (steps <= 0)
        {
            return;
        }

        ref T zeros = ref ZeroState(cell, h, hidden0, cell0, scratch);
        ref T hPrevious = ref hidden0.IsEmpty ? ref zeros : ref MemoryMarshal.GetReference(hidden0);
        ref T cPrevious = ref cell0.IsEmpty ? ref zeros : ref MemoryMarshal.GetReference(cell0);
        ref T x0 = ref MemoryMarshal.GetReference(input);
        ref T hidden00 = ref MemoryMarshal.GetReference(hidden);
        ref T saved00 = ref MemoryMarshal.GetReference(saved);
        var p = new Parameters<T>(inputSize, h, weightIh, weightHh, biasIh, biasHh, ref Unsafe.Add(ref MemoryMarshal.GetReference(scratch), h));
        for (int s = 0; s < steps; s++)
        {
            int t = reverse ? steps - 1 - s : s;
            ref T x = ref Unsafe.Add(ref x0, t * inputSize);
            ref T hOut = ref Unsafe.Add(ref hidden00, t * h);
            ref T savedRow = ref Unsafe.Add(ref saved00, t * savedStride);
            switch (cell)
            {
                case RecurrentCell.Lstm:
                    ref T cOut = ref Unsafe.Add(ref savedRow, 4 * h);
                    LstmStep(in p, ref x, ref hPrevious, ref cPrevious, ref hOut, ref cOut, ref savedRow, save: true);
                    cPrevious = ref cOut;
                    break;
                case RecurrentCell.Gru:
                    GruStep(in p, ref x, ref hPrevious, ref hOut, ref savedRow, save: true);
                    break;
                default:
                    RnnStep(in p, cell == RecurrentCell.RnnReLU, ref x, ref hPrevious, ref hOut);
                    break;
            }

            hPrevious = ref hOut;
        }
    }

    /// <summary>
    /// One step for streaming use: updates <paramref name="hidden"/> (<c>[H]</c>) and, for the LSTM,
    /// <paramref name="cellState"/> (<c>[H]</c>; empty for the other cells) in place from the input
    /// <paramref name="x"/> (<c>[F]</c>). The arithmetic is <see cref="Forward"/>'s, operation for operation, so a
    /// sequence fed step by step gives bit-identical states.
    /// </summary>
    public static void Step<T>(
        RecurrentCell cell,
        int inputSize,
        int hiddenSize,
        ReadOnlySpan<T> x,
        ReadOnlySpan<T> weightIh,
        ReadOnlySpan<T> weightHh,
        ReadOnlySpan<T> biasIh,
        ReadOnlySpan<T> biasHh,
        Span<T> hidden,
        Span<T> cellState,
        Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int h = hiddenSize;
        AssertShapes(cell, inputSize, h, weightIh, weightHh, biasIh, biasHh, scratch);
        Debug.Assert(x.Length == inputSize && hidden.Length == h, "x is not [F] or hidden is not [H]");
        Debug.Assert(cell != RecurrentCell.Lstm || cellState.Length == h, "cellState is not [H]");
        var p = new Parameters<T>(inputSize, h, weightIh, weightHh, biasIh, biasHh, ref Unsafe.Add(ref MemoryMarshal.GetReference(scratch), h));
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T hs = ref MemoryMarshal.GetReference(hidden);
        switch (cell)
        {
            case RecurrentCell.Lstm:
                ref T cs = ref MemoryMarshal.GetReference(cellState);
                LstmStep(in p, ref xs, ref hs, ref cs, ref hs, ref cs, ref cs, save: false);
                break;
            case RecurrentCell.Gru:
                GruStep(in p, ref xs, ref hs, ref hs, ref hs, save: false);
                break;
            default:
                RnnStep(in p, cell == RecurrentCell.RnnReLU, ref xs, ref hs, ref hs);
                break;
        }
    }

    /// <summary>
    /// Backpropagation through time over one sample, for the <see cref="Forward"/> call with the same
    /// <paramref name="input"/>, parameters, <paramref name="hidden0"/>, <paramref name="cell0"/> and
    /// <paramref name="reverse"/>, whose <paramref name="hidden"/> (<c>[T, H]</c>) and <paramref name="saved"/> are
    /// passed back. <paramref name="hiddenGradient"/> (<c>[T, H]</c>) is <c>dL/dh_t</c> from above at every step (zero
    /// where an output is unused). Adds <c>dL/dW_ih</c>, <c>dL/dW_hh</c> (in GenNN's input-major layout),
    /// <c>dL/db_ih</c> and <c>dL/db_hh</c> to the four gradient spans, and overwrites <paramref name="inputGradient"/>
    /// (<c>[T, F]</c>) with <c>dL/dx</c> unless it is empty. The gradients of the initial state are not formed.
    /// Steps are visited in the opposite order to Forward's, carrying <c>dL/dh_{t−1}</c> (and the LSTM's
    /// <c>dL/dc_{t−1}</c>) from each to the next; each step's products reuse <see cref="DenseKernel.Backward"/>.
    /// </summary>
    public static void Backward<T>(
        RecurrentCell cell,
        int steps,
        int inputSize,
        int hiddenSize,
        bool reverse,
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> weightIh,
        ReadOnlySpan<T> weightHh,
        ReadOnlySpan<T> biasIh,
        ReadOnlySpan<T> biasHh,
        ReadOnlySpan<T> hidden0,
        ReadOnlySpan<T> cell0,
        ReadOnlySpan<T> hidden,
        ReadOnlySpan<T> saved,
        ReadOnlySpan<T> hiddenGradient,
        Span<T> weightIhGradient,
        Span<T> weightHhGradient,
        Span<T> biasIhGradient,
        Span<T> biasHhGradient,
        Span<T> inputGradient,
        Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int h = hiddenSize;
        int f = inputSize;
        int savedStride = SavedPerStep(cell, h);
        AssertShapes(cell, f, h, weightIh, weightHh, biasIh, biasHh, scratch);
        Debug.Assert(input.Length == steps * f, "input is not [T, F]");
        Debug.Assert(hidden.Length == steps * h && hiddenGradient.Length == steps * h, "hidden or hiddenGradient is not [T, H]");
        Debug.Assert(saved.Length == steps * savedStride, "saved is not [T, SavedPerStep]");
        Debug.Assert(inputGradient.IsEmpty || inputGradient.Length == steps * f, "inputGradient is not [T, F]");
        Debug.Assert(weightIhGradient.Length == weightIh.Length && weightHhGradient.Length == weightHh.Length, "weight gradients do not match the weights");
        Debug.Assert(biasIhGradient.Length == biasIh.Length && biasHhGradient.Length == biasHh.Length, "bias gradients do not match the biases");
        if (steps <= 0)
        {
            return;
        }

        int gh = GateCount(cell) * h;
        ref T zeros = ref ZeroState(cell, h, hidden0, cell0, scratch);
        Span<T> work = scratch.Slice(h);

        // The carried dL/dh_{t−1}, zero before the last step, and the step's gate gradients.
        Span<T> carry = work.Slice(0, h);
        carry.Clear();
        Span<T> gateGradient = work.Slice(h, gh);
        Span<T> cellCarry = cell == RecurrentCell.Lstm ? work.Slice(h + gh, h) : default;
        cellCarry.Clear();
        Span<T> hiddenGateGradient = cell == RecurrentCell.Gru ? work.Slice(h + gh, gh) : gateGradient;
        Span<T> direct = cell == RecurrentCell.Gru ? work.Slice(h + (2 * gh), h) : default;

        for (int s = steps - 1; s >= 0; s--)
        {
            int t = reverse ? steps - 1 - s : s;
            int previous = reverse ? t + 1 : t - 1;
            bool first = s == 0;
            ReadOnlySpan<T> x = input.Slice(t * f, f);
            ReadOnlySpan<T> hPrevious = first
                ? (hidden0.IsEmpty ? MemoryMarshal.CreateReadOnlySpan(ref zeros, h) : hidden0)
                : hidden.Slice(previous * h, h);
            ReadOnlySpan<T> dh = hiddenGradient.Slice(t * h, h);
            switch (cell)
            {
                case RecurrentCell.Lstm:
                    ReadOnlySpan<T> cPrevious = first
                        ? (cell0.IsEmpty ? MemoryMarshal.CreateReadOnlySpan(ref zeros, h) : cell0)
                        : saved.Slice((previous * savedStride) + (4 * h), h);
                    LstmStepBackward(h, saved.Slice(t * savedStride, savedStride), cPrevious, dh, carry, cellCarry, gateGradient);
                    break;
                case RecurrentCell.Gru:
                    GruStepBackward(h, saved.Slice(t * savedStride, savedStride), hPrevious, dh, carry, gateGradient, hiddenGateGradient, direct);
                    break;
                default:
                    RnnStepBackward(cell == RecurrentCell.RnnReLU, hidden.Slice(t * h, h), dh, carry, gateGradient);
                    break;
            }

            // dW_ih[i, :] += x_i·dz, db_ih += dz, dx_i = W_ih[i, :]·dz; then the same through W_hh, whose input
            // gradient is the dL/dh_{t−1} carried to the step before (not needed before the first step).
            DenseKernel.Backward(weightIh, x, gateGradient, weightIhGradient, biasIhGradient, inputGradient.IsEmpty ? default : inputGradient.Slice(t * f, f));
            DenseKernel.Backward(weightHh, hPrevious, hiddenGateGradient, weightHhGradient, biasHhGradient, first ? default : carry);
            if (cell == RecurrentCell.Gru && !first)
            {
                Add(direct, carry);
            }
        }
    }

    [Conditional("DEBUG")]
    private static void AssertShapes<T>(
        RecurrentCell cell, int inputSize, int hiddenSize, ReadOnlySpan<T> weightIh, ReadOnlySpan<T> weightHh, ReadOnlySpan<T> biasIh, ReadOnlySpan<T> biasHh, Span<T> scratch)
    {
        int gh = GateCount(cell) * hiddenSize;
        Debug.Assert(Enum.IsDefined(cell), "unknown cell");
        Debug.Assert(inputSize > 0 && hiddenSize > 0, "sizes must be positive");
        Debug.Assert(weightIh.Length == inputSize * gh, "weightIh is not [F, G·H]");
        Debug.Assert(weightHh.Length == hiddenSize * gh, "weightHh is not [H, G·H]");
        Debug.Assert(biasIh.Length == gh && biasHh.Length == gh, "a bias is not [G·H]");
        Debug.Assert(scratch.Length >= ScratchLength(cell, inputSize, hiddenSize), "scratch is shorter than ScratchLength");
    }

    /// <summary>The first <c>H</c> values of scratch, cleared when an initial state the cell reads is empty.</summary>
    private static ref T ZeroState<T>(RecurrentCell cell, int h, ReadOnlySpan<T> hidden0, ReadOnlySpan<T> cell0, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (hidden0.IsEmpty || (cell == RecurrentCell.Lstm && cell0.IsEmpty))
        {
            scratch.Slice(0, h).Clear();
        }

        return ref MemoryMarshal.GetReference(scratch);
    }

    /// <summary><c>target += value</c>, elementwise.</summary>
    private static void Add<T>(ReadOnlySpan<T> value, Span<T> target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T v = ref MemoryMarshal.GetReference(value);
        ref T o = ref MemoryMarshal.GetReference(target);
        int length = target.Length;
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k + Vector<T>.Count <= length; k += Vector<T>.Count)
            {
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref o, (nuint)k) + Vector.LoadUnsafe(ref v, (nuint)k), ref o, (nuint)k);
            }
        }

        for (; k < length; k++)
        {
            Unsafe.Add(ref o, k) += Unsafe.Add(ref v, k);
        }
    }

    /// <summary>
    /// <paramref name="length"/> values from <paramref name="source"/> to <paramref name="target"/> (not overlapping),
    /// inline: a block's rows <c>[x_t, h_{t−1}]</c> are a few dozen values per sample and step, which
    /// <see cref="Span{T}.CopyTo"/> copies through a call to the runtime's memmove (1.6 % of an LSTM training step).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyShort<T>(ref T source, ref T target, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k + Vector<T>.Count <= length; k += Vector<T>.Count)
            {
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref source, (nuint)k), ref target, (nuint)k);
            }
        }

        for (; k < length; k++)
        {
            Unsafe.Add(ref target, k) = Unsafe.Add(ref source, k);
        }
    }

    /// <summary>A step's parameters as references, and the pre-activation scratch (<c>6·H</c> values at most).</summary>
    private readonly ref struct Parameters<T>
        where T : unmanaged
    {
        public readonly int Inputs;
        public readonly int Hidden;
        public readonly ref T WeightIh;
        public readonly ref T WeightHh;
        public readonly ref T BiasIh;
        public readonly ref T BiasHh;
        public readonly ref T Work;

        public Parameters(int inputs, int hidden, ReadOnlySpan<T> weightIh, ReadOnlySpan<T> weightHh, ReadOnlySpan<T> biasIh, ReadOnlySpan<T> biasHh, ref T work)
        {
            Inputs = inputs;
            Hidden = hidden;
            WeightIh = ref MemoryMarshal.GetReference(weightIh);
            WeightHh = ref MemoryMarshal.GetReference(weightHh);
            BiasIh = ref MemoryMarshal.GetReference(biasIh);
            BiasHh = ref MemoryMarshal.GetReference(biasHh);
            Work = ref work;
        }
    }
}
