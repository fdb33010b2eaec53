using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNN.Kernels;

/// <summary>
/// The SIMD kernels of a dense layer whose weights are stored input-major, <c>W[in, out]</c>: row <c>i</c> holds the
/// weights from input <c>i</c> to every output. That layout lets every pass run across outputs, one vector of
/// neighbouring outputs per register:
/// <list type="bullet">
/// <item>forward, <c>z = b + Σ_i x_i·W[i, :]</c>: groups of up to sixteen vectors of outputs stay in registers while
/// the loop over inputs streams each weight exactly once (register blocking); the accumulators start from the bias,
/// and the activation is applied before the single store;</item>
/// <item>backward, <c>dW[i, :] += x_i·dz</c> and <c>dx_i = W[i, :]·dz</c>, share one pass over the rows with
/// <c>dz</c> held in registers.</item>
/// </list>
/// Vector width is <see cref="Vector{T}"/>'s, fixed when the JIT compiles the kernel: AVX2/AVX-512 on x64, NEON on
/// Arm, a scalar loop elsewhere. The forward pass covers the columns after the last whole vector with one more vector,
/// flush with the end (layers narrower than a vector go column by column; on a core with full-width 512-bit units,
/// layers narrower than a 512-bit vector but wider than <see cref="Vector{T}"/> take one 512-bit vector per input
/// instead); the backward passes do those columns one by one. Generated networks call
/// these; the spans must have the shapes named below (they are not checked here: the generated code guarantees them).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseKernel
{
    private const int BlocksPerGroup = 4;

    /// <summary>
    /// <c>output = f(bias + inputᵀ·weights)</c> for <c>weights</c> of shape <c>[input.Length, bias.Length]</c>.
    /// <paramref name="output"/> has <c>bias.Length</c> elements.
    /// </summary>
    public static void Forward<T, TActivation>(ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, ReadOnlySpan<T> input, Span<T> output, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        int inputs = input.Length;
        int outputs = bias.Length;
        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T b = ref MemoryMarshal.GetReference(bias);
        ref T x = ref MemoryMarshal.GetReference(input);
        ref T o = ref MemoryMarshal.GetReference(output);
        int lanes = Vector<T>.Count;
        int column = 0;
        if (VectorWidth.UsesFullWidthVector512<T>() && outputs > lanes && outputs < Vector512<T>.Count)
        {
            ForwardNarrowRows<T, TActivation>(ref w, ref b, ref x, ref o, inputs, outputs, weights.Length, slope);
            return;
        }

        if (Vector.IsHardwareAccelerated)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                for (; column + (16 * lanes) <= outputs; column += 16 * lanes)
                {
                    ForwardGroupOfSixteen<T, TActivation>(ref w, ref b, ref x, ref o, inputs, outputs, column, slope);
                }
            }

            for (; column + (8 * lanes) <= outputs; column += 8 * lanes)
            {
                ForwardGroupOfEight<T, TActivation>(ref w, ref b, ref x, ref o, inputs, outputs, column, slope);
            }

            for (; column + (2 * lanes) <= outputs; column += 2 * lanes)
            {
                ForwardGroupOfTwo<T, TActivation>(ref w, ref b, ref x, ref o, inputs, outputs, column, column + lanes, slope);
            }

            // The columns left, fewer than two vectors, in vectors too: the last placed flush with the end, so it
            // recomputes some columns. Within a pair it does so with the same sums; after a larger group a single
            // vector may sum them in another order, and its value, stored last, is the one kept.
            int left = outputs - column;
            if (left > lanes)
            {
                ForwardGroupOfTwo<T, TActivation>(ref w, ref b, ref x, ref o, inputs, outputs, column, outputs - lanes, slope);
                column = outputs;
            }
            else if (left > 0 && outputs >= lanes)
            {
                // Aggressively inlined: as a real call, the JIT framed every small layer.
                ForwardGroupOfOne<T, TActivation>(ref w, ref b, ref x, ref o, inputs, outputs, outputs - lanes, slope);
                column = outputs;
            }
        }

        for (; column < outputs; column++)
        {
            Unsafe.Add(ref o, column) = TActivation.Apply(ScalarColumn(ref w, ref b, ref x, inputs, outputs, column), slope);
        }
    }

    /// <summary>
    /// The forward pass of a layer with more outputs than a <see cref="Vector{T}"/> but fewer than a 512-bit vector
    /// (a 10-class head in float), on a core with full-width 512-bit units (<see cref="VectorWidth.UsesFullWidthVector512"/>:
    /// measured there only). The weights, <c>[inputs, outputs]</c> row-major, repeat the pattern of their lanes every
    /// <c>lcm(outputs, lanes)</c> values, a whole number of input rows (eight rows of ten floats in five 512-bit vectors):
    /// where that period is at most eight vectors, each is multiplied by its inputs spread into the same pattern (one
    /// permutation of the period's inputs per vector, <see cref="ForwardInPeriods"/>), every lane of every load
    /// used. The rows after the last whole period, and every row where the period is longer, are read as one 512-bit
    /// vector each, whose lanes past the row hold the next row's first weights, summed like the others and never
    /// stored; the rows too close to the end of the weights for a whole vector are added column by column, then the
    /// bias. The LeNet-size benchmark network's 400 → 10 layer: one vector per row 145 ns, by periods 99 ns (Zen 5).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    [SkipLocalsInit] // the lanes of laneSums past the periods' sums reach only lanes of sums no output reads
    private static void ForwardNarrowRows<T, TActivation>(ref T w, ref T b, ref T x, ref T o, int inputs, int outputs, int weightsLength, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        int lanes = Vector512<T>.Count;
        int wholeRows = weightsLength < lanes ? 0 : Math.Min(inputs, ((weightsLength - lanes) / outputs) + 1);
        // The periods' sums by lane (see ForwardInPeriods), then each period row's outputs added up: row k's start at lane k·outputs.
        Span<T> laneSums = stackalloc T[9 * Vector512<T>.Count];
        ref T laneSum = ref MemoryMarshal.GetReference(laneSums);
        int periodRows = ForwardInPeriods(ref w, ref x, inputs, outputs, ref laneSum, out int rowsPerPeriod);
        Vector512<T> sums = Vector512<T>.Zero;
        for (int k = 0; k < rowsPerPeriod; k++)
        {
            sums += Vector512.LoadUnsafe(ref laneSum, (nuint)(k * outputs));
        }

        Vector512<T> z0 = Vector512<T>.Zero, z1 = z0, z2 = z0, z3 = z0, z4 = z0, z5 = z0, z6 = z0, z7 = z0;
        nuint step = (nuint)outputs;
        ref T row = ref Unsafe.Add(ref w, periodRows * outputs);
        int i = periodRows;
        for (; i + 7 < wholeRows; i += 8)
        {
            z0 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref row), Vector512.Create(Unsafe.Add(ref x, i)), z0);
            z1 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref row, step), Vector512.Create(Unsafe.Add(ref x, i + 1)), z1);
            z2 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref row, 2 * step), Vector512.Create(Unsafe.Add(ref x, i + 2)), z2);
            z3 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref row, 3 * step), Vector512.Create(Unsafe.Add(ref x, i + 3)), z3);
            z4 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref row, 4 * step), Vector512.Create(Unsafe.Add(ref x, i + 4)), z4);
            z5 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref row, 5 * step), Vector512.Create(Unsafe.Add(ref x, i + 5)), z5);
            z6 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref row, 6 * step), Vector512.Create(Unsafe.Add(ref x, i + 6)), z6);
            z7 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref row, 7 * step), Vector512.Create(Unsafe.Add(ref x, i + 7)), z7);
            row = ref Unsafe.Add(ref row, 8 * outputs);
        }

        for (; i < wholeRows; i++)
        {
            z0 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref row), Vector512.Create(Unsafe.Add(ref x, i)), z0);
            row = ref Unsafe.Add(ref row, outputs);
        }

        sums += ((z0 + z1) + (z2 + z3)) + ((z4 + z5) + (z6 + z7));
        for (int column = 0; column < outputs; column++)
        {
            T sum = sums.GetElement(column);
            for (int r = Math.Max(wholeRows, periodRows); r < inputs; r++)
            {
                sum = T.MultiplyAddEstimate(Unsafe.Add(ref w, (r * outputs) + column), Unsafe.Add(ref x, r), sum);
            }

            Unsafe.Add(ref o, column) = TActivation.Apply(Unsafe.Add(ref b, column) + sum, slope);
        }
    }

    /// <summary>
    /// <see cref="ForwardNarrowRows"/>' periods: lane <c>l</c> of the period's vector <c>v</c> holds
    /// <c>W[q + (v·lanes + l) / outputs, (v·lanes + l) mod outputs]</c> for the period's first row <c>q</c>, so it is
    /// multiplied by the input its row belongs to, spread there by one permutation of the period's inputs. Each vector
    /// keeps a sum of its own, stored to <paramref name="laneSums"/> (eight vectors) at the end. Returns the rows done,
    /// <paramref name="periodRows"/> to a period (none when the period is longer than eight vectors). Only periods whose
    /// inputs can be read as one whole vector are done, so that no read passes the input's end.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // apart from the caller's stack buffer, whose address would send the sums to memory
    private static int ForwardInPeriods<T>(ref T w, ref T x, int inputs, int outputs, ref T laneSums, out int periodRows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The lanes are a power of two larger than the outputs, so their greatest common divisor is the outputs' lowest
        // set bit: a period is outputs / 2^t vectors of outputs-wide rows, lanes / 2^t of them, with no division.
        int lanes = Vector512<T>.Count;
        int shift = BitOperations.TrailingZeroCount(outputs);
        int vectors = outputs >> shift;
        int period = vectors * lanes;
        periodRows = lanes >> shift;
        int periods = inputs < lanes ? 0 : ((inputs - lanes) >> (BitOperations.Log2((uint)lanes) - shift)) + 1;
        if (vectors > 8 || periods == 0)
        {
            periodRows = 0;
            return 0;
        }

        // spread[v] lane l: which of the period's inputs lane l of vector v multiplies.
        Vector512<T> spread0 = Spread<T>(0, outputs);
        Vector512<T> spread1 = vectors > 1 ? Spread<T>(1, outputs) : default, spread2 = vectors > 2 ? Spread<T>(2, outputs) : default;
        Vector512<T> spread3 = vectors > 3 ? Spread<T>(3, outputs) : default, spread4 = vectors > 4 ? Spread<T>(4, outputs) : default;
        Vector512<T> spread5 = vectors > 5 ? Spread<T>(5, outputs) : default, spread6 = vectors > 6 ? Spread<T>(6, outputs) : default;
        Vector512<T> spread7 = vectors > 7 ? Spread<T>(7, outputs) : default;
        Vector512<T> z0 = Vector512<T>.Zero, z1 = z0, z2 = z0, z3 = z0, z4 = z0, z5 = z0, z6 = z0, z7 = z0;
        ref T weights = ref w;
        ref T values = ref x;
        nuint length = (nuint)lanes;
        for (int p = 0; p < periods; p++)
        {
            Vector512<T> inputsOfPeriod = Vector512.LoadUnsafe(ref values);
            z0 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref weights), Permute(inputsOfPeriod, spread0), z0);
            if (vectors > 1)
            {
                z1 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref weights, length), Permute(inputsOfPeriod, spread1), z1);
            }

            if (vectors > 2)
            {
                z2 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref weights, 2 * length), Permute(inputsOfPeriod, spread2), z2);
            }

            if (vectors > 3)
            {
                z3 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref weights, 3 * length), Permute(inputsOfPeriod, spread3), z3);
            }

            if (vectors > 4)
            {
                z4 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref weights, 4 * length), Permute(inputsOfPeriod, spread4), z4);
            }

            if (vectors > 5)
            {
                z5 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref weights, 5 * length), Permute(inputsOfPeriod, spread5), z5);
            }

            if (vectors > 6)
            {
                z6 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref weights, 6 * length), Permute(inputsOfPeriod, spread6), z6);
            }

            if (vectors > 7)
            {
                z7 = Vector512Width<T>.MultiplyAdd(Vector512.LoadUnsafe(ref weights, 7 * length), Permute(inputsOfPeriod, spread7), z7);
            }

            weights = ref Unsafe.Add(ref weights, period);
            values = ref Unsafe.Add(ref values, periodRows);
        }

        z0.StoreUnsafe(ref laneSums);
        z1.StoreUnsafe(ref laneSums, length);
        z2.StoreUnsafe(ref laneSums, 2 * length);
        z3.StoreUnsafe(ref laneSums, 3 * length);
        z4.StoreUnsafe(ref laneSums, 4 * length);
        z5.StoreUnsafe(ref laneSums, 5 * length);
        z6.StoreUnsafe(ref laneSums, 6 * length);
        z7.StoreUnsafe(ref laneSums, 7 * length);
        return periods * periodRows;
    }
    /// <summary>
    /// The permutation of a period's inputs for its vector <paramref name="vector"/>: lane <c>l</c> takes input
    /// <c>(vector·lanes + l) / outputs</c>, as 32-bit (float) or 64-bit (double) lane indices in the vector's bits.
    /// Computed in floating point, <c>⌊(i + ½) / outputs⌋</c>: exact, as no quotient comes within rounding of an integer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Spread<T>(int vector, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Vector512<float> lane = Vector512.ConvertToSingle(Vector512<int>.Indices + Vector512.Create(vector * Vector512<float>.Count));
            return Vector512.ConvertToInt32(Vector512.Floor((lane + Vector512.Create(0.5f)) / Vector512.Create((float)outputs))).As<int, T>();
        }

        Vector512<double> index = Vector512.ConvertToDouble(Vector512<long>.Indices + Vector512.Create((long)vector * Vector512<double>.Count));
        return Vector512.ConvertToInt64(Vector512.Floor((index + Vector512.Create(0.5)) / Vector512.Create((double)outputs))).As<long, T>();
    }

    /// <summary><paramref name="values"/>' lanes in the order <paramref name="spread"/> names (see <see cref="Spread"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Permute<T>(Vector512<T> values, Vector512<T> spread)
        where T : unmanaged, IFloatingPointIeee754<T>
        => typeof(T) == typeof(float)
            ? Avx512F.PermuteVar16x32(values.As<T, float>(), spread.As<T, int>()).As<float, T>()
            : Avx512F.PermuteVar8x64(values.As<T, double>(), spread.As<T, long>()).As<double, T>();

    /// <summary><c>b[column] + Σ_i x_i·W[i, column]</c> over four chains of inputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T ScalarColumn<T>(ref T w, ref T b, ref T x, int inputs, int outputs, int column)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T z0 = Unsafe.Add(ref b, column), z1 = T.Zero, z2 = T.Zero, z3 = T.Zero;
        ref T weight = ref Unsafe.Add(ref w, column);
        int i = 0;
        for (; i + 3 < inputs; i += 4)
        {
            z0 += Unsafe.Add(ref x, i) * weight;
            z1 += Unsafe.Add(ref x, i + 1) * Unsafe.Add(ref weight, outputs);
            z2 += Unsafe.Add(ref x, i + 2) * Unsafe.Add(ref weight, 2 * outputs);
            z3 += Unsafe.Add(ref x, i + 3) * Unsafe.Add(ref weight, 3 * outputs);
            weight = ref Unsafe.Add(ref weight, 4 * outputs);
        }

        for (; i < inputs; i++)
        {
            z0 += Unsafe.Add(ref x, i) * weight;
            weight = ref Unsafe.Add(ref weight, outputs);
        }

        return (z0 + z1) + (z2 + z3);
    }

    /// <summary>Turns <c>dL/da</c> in <paramref name="delta"/> into <c>dL/dz</c> in place, given the activations <paramref name="activations"/>.</summary>
    public static void ActivationBackward<T, TActivation>(ReadOnlySpan<T> activations, Span<T> delta, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        ref T a = ref MemoryMarshal.GetReference(activations);
        ref T d = ref MemoryMarshal.GetReference(delta);
        int length = delta.Length;
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k + Vector<T>.Count <= length; k += Vector<T>.Count)
            {
                Vector.StoreUnsafe(TActivation.Backward(Vector.LoadUnsafe(ref d, (nuint)k), Vector.LoadUnsafe(ref a, (nuint)k), slope), ref d, (nuint)k);
            }
        }

        for (; k < length; k++)
        {
            Unsafe.Add(ref d, k) = TActivation.Backward(Unsafe.Add(ref d, k), Unsafe.Add(ref a, k), slope);
        }
    }

    /// <summary>
    /// Adds the layer's parameter gradients for <c>dL/dz</c> = <paramref name="delta"/>: <c>weightGradients[i, :] += input_i·delta</c>,
    /// <c>biasGradients += delta</c>; and when <paramref name="inputDelta"/> is not empty, sets
    /// <c>inputDelta_i = weights[i, :]·delta</c> (<c>dL/dx</c>, for the layer below).
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> input, ReadOnlySpan<T> delta, Span<T> weightGradients, Span<T> biasGradients, Span<T> inputDelta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputs = input.Length;
        int outputs = delta.Length;
        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T x = ref MemoryMarshal.GetReference(input);
        ref T d = ref MemoryMarshal.GetReference(delta);
        ref T gw = ref MemoryMarshal.GetReference(weightGradients);
        ref T gb = ref MemoryMarshal.GetReference(biasGradients);
        bool wantsInputDelta = !inputDelta.IsEmpty;
        ref T dx = ref MemoryMarshal.GetReference(inputDelta);
        if (wantsInputDelta)
        {
            inputDelta.Clear();
        }

        int lanes = Vector<T>.Count;
        int column = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; column + (BlocksPerGroup * lanes) <= outputs; column += BlocksPerGroup * lanes)
            {
                BackwardGroupOfFour(ref w, ref x, ref d, ref gw, ref gb, ref dx, inputs, outputs, column, wantsInputDelta);
            }

            for (; column + lanes <= outputs; column += lanes)
            {
                BackwardGroupOfOne(ref w, ref x, ref d, ref gw, ref gb, ref dx, inputs, outputs, column, wantsInputDelta);
            }
        }

        for (; column < outputs; column++)
        {
            T dz = Unsafe.Add(ref d, column);
            Unsafe.Add(ref gb, column) += dz;
            for (int i = 0; i < inputs; i++)
            {
                int at = (i * outputs) + column;
                Unsafe.Add(ref gw, at) += Unsafe.Add(ref x, i) * dz;
                if (wantsInputDelta)
                {
                    Unsafe.Add(ref dx, i) += Unsafe.Add(ref w, at) * dz;
                }
            }
        }
    }

    /// <summary><c>inputDelta_i = weights[i, :]·delta</c>: the gradient of the layer's input, for the layer below.</summary>
    public static void InputGradient<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> delta, Span<T> inputDelta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outputs = delta.Length;
        int inputs = inputDelta.Length;
        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T d = ref MemoryMarshal.GetReference(delta);
        ref T dx = ref MemoryMarshal.GetReference(inputDelta);
        int lanes = Vector<T>.Count;
        int vectorEnd = Vector.IsHardwareAccelerated ? outputs - (outputs % lanes) : 0;
        int i = 0;

        // Four rows at a time: four independent dot products share each load of delta and hide each other's latency.
        for (; i + 3 < inputs && vectorEnd > 0; i += 4)
        {
            ref T row0 = ref Unsafe.Add(ref w, i * outputs);
            ref T row1 = ref Unsafe.Add(ref row0, outputs);
            ref T row2 = ref Unsafe.Add(ref row1, outputs);
            ref T row3 = ref Unsafe.Add(ref row2, outputs);
            Vector<T> sum0 = Vector<T>.Zero, sum1 = Vector<T>.Zero, sum2 = Vector<T>.Zero, sum3 = Vector<T>.Zero;
            for (int column = 0; column < vectorEnd; column += lanes)
            {
                Vector<T> dz = Vector.LoadUnsafe(ref d, (nuint)column);
                sum0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row0, (nuint)column), dz, sum0);
                sum1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row1, (nuint)column), dz, sum1);
                sum2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row2, (nuint)column), dz, sum2);
                sum3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row3, (nuint)column), dz, sum3);
            }

            Unsafe.Add(ref dx, i) = Vector.Sum(sum0) + ScalarTail(ref row0, ref d, vectorEnd, outputs);
            Unsafe.Add(ref dx, i + 1) = Vector.Sum(sum1) + ScalarTail(ref row1, ref d, vectorEnd, outputs);
            Unsafe.Add(ref dx, i + 2) = Vector.Sum(sum2) + ScalarTail(ref row2, ref d, vectorEnd, outputs);
            Unsafe.Add(ref dx, i + 3) = Vector.Sum(sum3) + ScalarTail(ref row3, ref d, vectorEnd, outputs);
        }

        for (; i < inputs; i++)
        {
            ref T row = ref Unsafe.Add(ref w, i * outputs);
            Vector<T> sum = Vector<T>.Zero;
            for (int column = 0; column < vectorEnd; column += lanes)
            {
                sum = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)column), Vector.LoadUnsafe(ref d, (nuint)column), sum);
            }

            Unsafe.Add(ref dx, i) = Vector.Sum(sum) + ScalarTail(ref row, ref d, vectorEnd, outputs);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ScalarTail<T>(ref T row, ref T d, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T total = T.Zero;
        for (int column = start; column < end; column++)
        {
            total += Unsafe.Add(ref row, column) * Unsafe.Add(ref d, column);
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // its own frame: inlined, its many live vectors would crowd the small layers' code
    private static void ForwardGroupOfEight<T, TActivation>(ref T w, ref T b, ref T x, ref T o, int inputs, int outputs, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        // Eight independent accumulators: enough chains in flight to cover the fused multiply-add's latency on two
        // pipes, and few enough to stay in registers (16 on AVX2, 32 on AVX-512).
        int lanes = Vector<T>.Count;
        ref T bias = ref Unsafe.Add(ref b, column);
        Vector<T> z0 = Vector.LoadUnsafe(ref bias);
        Vector<T> z1 = Vector.LoadUnsafe(ref bias, (nuint)lanes);
        Vector<T> z2 = Vector.LoadUnsafe(ref bias, (nuint)(2 * lanes));
        Vector<T> z3 = Vector.LoadUnsafe(ref bias, (nuint)(3 * lanes));
        Vector<T> z4 = Vector.LoadUnsafe(ref bias, (nuint)(4 * lanes));
        Vector<T> z5 = Vector.LoadUnsafe(ref bias, (nuint)(5 * lanes));
        Vector<T> z6 = Vector.LoadUnsafe(ref bias, (nuint)(6 * lanes));
        Vector<T> z7 = Vector.LoadUnsafe(ref bias, (nuint)(7 * lanes));
        ref T row = ref Unsafe.Add(ref w, column);
        for (int i = 0; i < inputs; i++)
        {
            var xi = new Vector<T>(Unsafe.Add(ref x, i));
            z0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), xi, z0);
            z1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), xi, z1);
            z2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * lanes)), xi, z2);
            z3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * lanes)), xi, z3);
            z4 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(4 * lanes)), xi, z4);
            z5 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(5 * lanes)), xi, z5);
            z6 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(6 * lanes)), xi, z6);
            z7 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(7 * lanes)), xi, z7);
            row = ref Unsafe.Add(ref row, outputs);
        }

        ref T output = ref Unsafe.Add(ref o, column);
        Vector.StoreUnsafe(TActivation.Apply(z0, slope), ref output);
        Vector.StoreUnsafe(TActivation.Apply(z1, slope), ref output, (nuint)lanes);
        Vector.StoreUnsafe(TActivation.Apply(z2, slope), ref output, (nuint)(2 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z3, slope), ref output, (nuint)(3 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z4, slope), ref output, (nuint)(4 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z5, slope), ref output, (nuint)(5 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z6, slope), ref output, (nuint)(6 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z7, slope), ref output, (nuint)(7 * lanes));
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // its own frame: inlined, its many live vectors would crowd the small layers' code
    private static void ForwardGroupOfSixteen<T, TActivation>(ref T w, ref T b, ref T x, ref T o, int inputs, int outputs, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        // Sixteen accumulators (128 floats with AVX2 vectors): whole 512-byte rows of W stream in order, which the
        // prefetcher follows best, and sixteen chains cover the multiply-add latency. AVX-512 hardware gives the JIT
        // 32 vector registers, so they stay in registers; elsewhere the eight-wide group below is used.
        int lanes = Vector<T>.Count;
        ref T bias = ref Unsafe.Add(ref b, column);
        Vector<T> z0 = Vector.LoadUnsafe(ref bias);
        Vector<T> z1 = Vector.LoadUnsafe(ref bias, (nuint)lanes);
        Vector<T> z2 = Vector.LoadUnsafe(ref bias, (nuint)(2 * lanes));
        Vector<T> z3 = Vector.LoadUnsafe(ref bias, (nuint)(3 * lanes));
        Vector<T> z4 = Vector.LoadUnsafe(ref bias, (nuint)(4 * lanes));
        Vector<T> z5 = Vector.LoadUnsafe(ref bias, (nuint)(5 * lanes));
        Vector<T> z6 = Vector.LoadUnsafe(ref bias, (nuint)(6 * lanes));
        Vector<T> z7 = Vector.LoadUnsafe(ref bias, (nuint)(7 * lanes));
        Vector<T> z8 = Vector.LoadUnsafe(ref bias, (nuint)(8 * lanes));
        Vector<T> z9 = Vector.LoadUnsafe(ref bias, (nuint)(9 * lanes));
        Vector<T> z10 = Vector.LoadUnsafe(ref bias, (nuint)(10 * lanes));
        Vector<T> z11 = Vector.LoadUnsafe(ref bias, (nuint)(11 * lanes));
        Vector<T> z12 = Vector.LoadUnsafe(ref bias, (nuint)(12 * lanes));
        Vector<T> z13 = Vector.LoadUnsafe(ref bias, (nuint)(13 * lanes));
        Vector<T> z14 = Vector.LoadUnsafe(ref bias, (nuint)(14 * lanes));
        Vector<T> z15 = Vector.LoadUnsafe(ref bias, (nuint)(15 * lanes));
        ref T row = ref Unsafe.Add(ref w, column);
        for (int i = 0; i < inputs; i++)
        {
            var xi = new Vector<T>(Unsafe.Add(ref x, i));
            z0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), xi, z0);
            z1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), xi, z1);
            z2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * lanes)), xi, z2);
            z3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * lanes)), xi, z3);
            z4 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(4 * lanes)), xi, z4);
            z5 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(5 * lanes)), xi, z5);
            z6 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(6 * lanes)), xi, z6);
            z7 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(7 * lanes)), xi, z7);
            z8 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(8 * lanes)), xi, z8);
            z9 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(9 * lanes)), xi, z9);
            z10 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(10 * lanes)), xi, z10);
            z11 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(11 * lanes)), xi, z11);
            z12 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(12 * lanes)), xi, z12);
            z13 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(13 * lanes)), xi, z13);
            z14 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(14 * lanes)), xi, z14);
            z15 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(15 * lanes)), xi, z15);
            row = ref Unsafe.Add(ref row, outputs);
        }

        ref T output = ref Unsafe.Add(ref o, column);
        Vector.StoreUnsafe(TActivation.Apply(z0, slope), ref output);
        Vector.StoreUnsafe(TActivation.Apply(z1, slope), ref output, (nuint)lanes);
        Vector.StoreUnsafe(TActivation.Apply(z2, slope), ref output, (nuint)(2 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z3, slope), ref output, (nuint)(3 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z4, slope), ref output, (nuint)(4 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z5, slope), ref output, (nuint)(5 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z6, slope), ref output, (nuint)(6 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z7, slope), ref output, (nuint)(7 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z8, slope), ref output, (nuint)(8 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z9, slope), ref output, (nuint)(9 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z10, slope), ref output, (nuint)(10 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z11, slope), ref output, (nuint)(11 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z12, slope), ref output, (nuint)(12 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z13, slope), ref output, (nuint)(13 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z14, slope), ref output, (nuint)(14 * lanes));
        Vector.StoreUnsafe(TActivation.Apply(z15, slope), ref output, (nuint)(15 * lanes));
    }

    /// <summary>
    /// The vectors of outputs at <paramref name="first"/> and <paramref name="second"/> (next to each other, or the
    /// second overlapping the first at the end of the row), each over four chains of inputs (i, i+1, i+2, i+3):
    /// eight multiply-adds in flight, enough to cover the instruction's latency on long rows, where two chains per
    /// vector waited on it (a 400 → 16 layer took twice as long).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardGroupOfTwo<T, TActivation>(ref T w, ref T b, ref T x, ref T o, int inputs, int outputs, int first, int second, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        Vector<T> z0 = Vector.LoadUnsafe(ref b, (nuint)first), z1 = Vector<T>.Zero, z2 = Vector<T>.Zero, z3 = Vector<T>.Zero;
        Vector<T> y0 = Vector.LoadUnsafe(ref b, (nuint)second), y1 = Vector<T>.Zero, y2 = Vector<T>.Zero, y3 = Vector<T>.Zero;
        nuint offset = (nuint)(second - first);
        ref T row = ref Unsafe.Add(ref w, first);
        int i = 0;
        for (; i + 3 < inputs; i += 4)
        {
            ref T row1 = ref Unsafe.Add(ref row, outputs);
            ref T row2 = ref Unsafe.Add(ref row1, outputs);
            ref T row3 = ref Unsafe.Add(ref row2, outputs);
            var x0 = new Vector<T>(Unsafe.Add(ref x, i));
            var x1 = new Vector<T>(Unsafe.Add(ref x, i + 1));
            var x2 = new Vector<T>(Unsafe.Add(ref x, i + 2));
            var x3 = new Vector<T>(Unsafe.Add(ref x, i + 3));
            z0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), x0, z0);
            y0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, offset), x0, y0);
            z1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row1), x1, z1);
            y1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row1, offset), x1, y1);
            z2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row2), x2, z2);
            y2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row2, offset), x2, y2);
            z3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row3), x3, z3);
            y3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row3, offset), x3, y3);
            row = ref Unsafe.Add(ref row3, outputs);
        }

        for (; i < inputs; i++)
        {
            var xi = new Vector<T>(Unsafe.Add(ref x, i));
            z0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), xi, z0);
            y0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row, offset), xi, y0);
            row = ref Unsafe.Add(ref row, outputs);
        }

        Vector.StoreUnsafe(TActivation.Apply((z0 + z1) + (z2 + z3), slope), ref o, (nuint)first);
        Vector.StoreUnsafe(TActivation.Apply((y0 + y1) + (y2 + y3), slope), ref o, (nuint)second);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardGroupOfOne<T, TActivation>(ref T w, ref T b, ref T x, ref T o, int inputs, int outputs, int column, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        // One vector of outputs over four chains (inputs i, i+1, i+2, i+3), summed at the end: a single chain would
        // wait out the multiply-add latency on every input.
        Vector<T> z0 = Vector.LoadUnsafe(ref b, (nuint)column);
        Vector<T> z1 = Vector<T>.Zero, z2 = Vector<T>.Zero, z3 = Vector<T>.Zero;
        ref T row = ref Unsafe.Add(ref w, column);
        int i = 0;
        for (; i + 3 < inputs; i += 4)
        {
            ref T row1 = ref Unsafe.Add(ref row, outputs);
            ref T row2 = ref Unsafe.Add(ref row1, outputs);
            ref T row3 = ref Unsafe.Add(ref row2, outputs);
            z0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), new Vector<T>(Unsafe.Add(ref x, i)), z0);
            z1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row1), new Vector<T>(Unsafe.Add(ref x, i + 1)), z1);
            z2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row2), new Vector<T>(Unsafe.Add(ref x, i + 2)), z2);
            z3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row3), new Vector<T>(Unsafe.Add(ref x, i + 3)), z3);
            row = ref Unsafe.Add(ref row3, outputs);
        }

        for (; i < inputs; i++)
        {
            z0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref row), new Vector<T>(Unsafe.Add(ref x, i)), z0);
            row = ref Unsafe.Add(ref row, outputs);
        }

        Vector.StoreUnsafe(TActivation.Apply((z0 + z1) + (z2 + z3), slope), ref o, (nuint)column);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackwardGroupOfFour<T>(
        ref T w, ref T x, ref T d, ref T gw, ref T gb, ref T dx, int inputs, int outputs, int column, bool wantsInputDelta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        Vector<T> d0 = Vector.LoadUnsafe(ref d, (nuint)column);
        Vector<T> d1 = Vector.LoadUnsafe(ref d, (nuint)(column + lanes));
        Vector<T> d2 = Vector.LoadUnsafe(ref d, (nuint)(column + (2 * lanes)));
        Vector<T> d3 = Vector.LoadUnsafe(ref d, (nuint)(column + (3 * lanes)));
        AddInPlace(ref gb, column, d0);
        AddInPlace(ref gb, column + lanes, d1);
        AddInPlace(ref gb, column + (2 * lanes), d2);
        AddInPlace(ref gb, column + (3 * lanes), d3);
        ref T gradientRow = ref Unsafe.Add(ref gw, column);
        ref T weightRow = ref Unsafe.Add(ref w, column);
        for (int i = 0; i < inputs; i++)
        {
            var xi = new Vector<T>(Unsafe.Add(ref x, i));
            Vector.StoreUnsafe(VectorMath.MultiplyAdd(d0, xi, Vector.LoadUnsafe(ref gradientRow)), ref gradientRow);
            Vector.StoreUnsafe(VectorMath.MultiplyAdd(d1, xi, Vector.LoadUnsafe(ref gradientRow, (nuint)lanes)), ref gradientRow, (nuint)lanes);
            Vector.StoreUnsafe(VectorMath.MultiplyAdd(d2, xi, Vector.LoadUnsafe(ref gradientRow, (nuint)(2 * lanes))), ref gradientRow, (nuint)(2 * lanes));
            Vector.StoreUnsafe(VectorMath.MultiplyAdd(d3, xi, Vector.LoadUnsafe(ref gradientRow, (nuint)(3 * lanes))), ref gradientRow, (nuint)(3 * lanes));
            if (wantsInputDelta)
            {
                Vector<T> sum = Vector.LoadUnsafe(ref weightRow) * d0;
                sum = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref weightRow, (nuint)lanes), d1, sum);
                sum = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref weightRow, (nuint)(2 * lanes)), d2, sum);
                sum = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref weightRow, (nuint)(3 * lanes)), d3, sum);
                Unsafe.Add(ref dx, i) += Vector.Sum(sum);
            }

            gradientRow = ref Unsafe.Add(ref gradientRow, outputs);
            weightRow = ref Unsafe.Add(ref weightRow, outputs);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackwardGroupOfOne<T>(
        ref T w, ref T x, ref T d, ref T gw, ref T gb, ref T dx, int inputs, int outputs, int column, bool wantsInputDelta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> d0 = Vector.LoadUnsafe(ref d, (nuint)column);
        AddInPlace(ref gb, column, d0);
        ref T gradientRow = ref Unsafe.Add(ref gw, column);
        ref T weightRow = ref Unsafe.Add(ref w, column);
        for (int i = 0; i < inputs; i++)
        {
            Vector.StoreUnsafe(VectorMath.MultiplyAdd(d0, new Vector<T>(Unsafe.Add(ref x, i)), Vector.LoadUnsafe(ref gradientRow)), ref gradientRow);
            if (wantsInputDelta)
            {
                Unsafe.Add(ref dx, i) += Vector.Sum(Vector.LoadUnsafe(ref weightRow) * d0);
            }

            gradientRow = ref Unsafe.Add(ref gradientRow, outputs);
            weightRow = ref Unsafe.Add(ref weightRow, outputs);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddInPlace<T>(ref T target, int offset, Vector<T> value)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Vector.StoreUnsafe(Vector.LoadUnsafe(ref target, (nuint)offset) + value, ref target, (nuint)offset);
}
