using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using GenNN.Kernels;
using Xunit;
using Xunit.Abstractions;

namespace GenNN.Tests.Kernels;

/// <summary>
/// <see cref="RecurrentKernel"/> on its own, without TorchSharp: the streaming step against the sequence forward pass
/// (bit for bit), backpropagation through time against central finite differences (double), the gate
/// nonlinearities' accuracy in ulps and at special values, and no allocation after warm-up.
/// </summary>
public sealed class RecurrentKernelTests
{
    private readonly ITestOutputHelper _output;

    public RecurrentKernelTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> StepCaseNames => new(StepCases.Keys);

    public static TheoryData<string> GradientCaseNames => new(GradientCases.Keys);

    public static TheoryData<RecurrentCell> Cells => new(Enum.GetValues<RecurrentCell>());

    /// <summary>Sizes with and without vector tails (8 float lanes, 4 double lanes), both directions, given and zero states.</summary>
    private static Dictionary<string, RecurrentCase> StepCases { get; } = new[]
    {
        new RecurrentCase(RecurrentCell.Lstm, 1, 16, 9),
        new RecurrentCase(RecurrentCell.Lstm, 3, 5, 6, Reverse: true),
        new RecurrentCase(RecurrentCell.Lstm, 4, 11, 5, InitialState: false),
        new RecurrentCase(RecurrentCell.Lstm, 2, 40, 4, Scale: 3),
        new RecurrentCase(RecurrentCell.Lstm, 2, 8, 6, Reverse: true),
        new RecurrentCase(RecurrentCell.Gru, 1, 16, 9),
        new RecurrentCase(RecurrentCell.Gru, 5, 7, 6, Reverse: true),
        new RecurrentCase(RecurrentCell.Gru, 3, 21, 5, InitialState: false),
        new RecurrentCase(RecurrentCell.Gru, 2, 8, 6, Reverse: true),
        new RecurrentCase(RecurrentCell.RnnTanh, 2, 9, 7),
        new RecurrentCase(RecurrentCell.RnnTanh, 1, 3, 4, Reverse: true),
        new RecurrentCase(RecurrentCell.RnnReLU, 3, 12, 6, InitialState: false),
    }.ToDictionary(c => c.ToString());

    private static Dictionary<string, RecurrentCase> GradientCases { get; } = new[]
    {
        new RecurrentCase(RecurrentCell.Lstm, 3, 5, 4),
        new RecurrentCase(RecurrentCell.Lstm, 2, 9, 3, Reverse: true, InitialState: false),
        new RecurrentCase(RecurrentCell.Lstm, 3, 8, 4),
        new RecurrentCase(RecurrentCell.Lstm, 1, 16, 3, InitialState: false),
        new RecurrentCase(RecurrentCell.Gru, 3, 5, 4),
        new RecurrentCase(RecurrentCell.Gru, 2, 9, 3, Reverse: true, InitialState: false),
        new RecurrentCase(RecurrentCell.Gru, 3, 8, 4),
        new RecurrentCase(RecurrentCell.RnnTanh, 3, 6, 4, Reverse: true),
        new RecurrentCase(RecurrentCell.RnnReLU, 4, 7, 4),
    }.ToDictionary(c => c.ToString());

    [Theory]
    [MemberData(nameof(StepCaseNames))]
    public void Step_repeated_equals_forward_bit_for_bit_in_float(string name) => StepEqualsForward<float>(StepCases[name]);

    [Theory]
    [MemberData(nameof(StepCaseNames))]
    public void Step_repeated_equals_forward_bit_for_bit_in_double(string name) => StepEqualsForward<double>(StepCases[name]);

    [Theory]
    [MemberData(nameof(GradientCaseNames))]
    public void Backward_matches_finite_differences(string name)
    {
        RecurrentCase c = GradientCases[name];
        RecurrentData data = RecurrentData.Create<double>(c, seed: name.Length * 17);
        int f = c.Inputs, h = c.Hidden, steps = c.Steps, gh = RecurrentKernel.GateCount(c.Cell) * h;
        double[] input = data.Input, wih = data.WeightIh, whh = data.WeightHh, bih = data.BiasIh, bhh = data.BiasHh;
        double[] r = data.OutputGradient;
        double[] hidden = new double[steps * h];
        double[] saved = new double[steps * RecurrentKernel.SavedPerStep(c.Cell, h)];
        double[] scratch = new double[RecurrentKernel.ScratchLength(c.Cell, f, h)];
        double Loss()
        {
            RecurrentKernel.Forward<double>(c.Cell, steps, f, h, c.Reverse, input, wih, whh, bih, bhh, data.Hidden0, data.Cell0, hidden, saved, scratch);
            return FiniteDifference.Dot(r, hidden);
        }

        Loss();
        double[] dwih = new double[f * gh], dwhh = new double[h * gh], dbih = new double[gh], dbhh = new double[gh], dx = new double[steps * f];
        RecurrentKernel.Backward<double>(c.Cell, steps, f, h, c.Reverse, input, wih, whh, bih, bhh, data.Hidden0, data.Cell0, hidden, saved, r, dwih, dwhh, dbih, dbhh, dx, scratch);

        double worst = 0;
        worst = Math.Max(worst, FiniteDifference.AssertClose("input", dx, FiniteDifference.Gradient(input, Loss)));
        worst = Math.Max(worst, FiniteDifference.AssertClose("weight_ih", dwih, FiniteDifference.Gradient(wih, Loss)));
        worst = Math.Max(worst, FiniteDifference.AssertClose("weight_hh", dwhh, FiniteDifference.Gradient(whh, Loss)));
        worst = Math.Max(worst, FiniteDifference.AssertClose("bias_ih", dbih, FiniteDifference.Gradient(bih, Loss)));
        worst = Math.Max(worst, FiniteDifference.AssertClose("bias_hh", dbhh, FiniteDifference.Gradient(bhh, Loss)));
        _output.WriteLine($"{name}: largest relative error {worst:E2}");
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Backward_without_input_gradient_adds_the_same_parameter_gradients(RecurrentCell cell)
    {
        var c = new RecurrentCase(cell, 3, 10, 5);
        RecurrentData data = RecurrentData.Create<float>(c, seed: 5);
        int f = c.Inputs, h = c.Hidden, steps = c.Steps, gh = RecurrentKernel.GateCount(cell) * h;
        float[] x = KernelData.Cast<float>(data.Input), wih = KernelData.Cast<float>(data.WeightIh), whh = KernelData.Cast<float>(data.WeightHh);
        float[] bih = KernelData.Cast<float>(data.BiasIh), bhh = KernelData.Cast<float>(data.BiasHh);
        float[] h0 = KernelData.Cast<float>(data.Hidden0), c0 = KernelData.Cast<float>(data.Cell0), dh = KernelData.Cast<float>(data.OutputGradient);
        float[] hidden = new float[steps * h], saved = new float[steps * RecurrentKernel.SavedPerStep(cell, h)];
        float[] scratch = new float[RecurrentKernel.ScratchLength(cell, f, h)];
        RecurrentKernel.Forward<float>(cell, steps, f, h, false, x, wih, whh, bih, bhh, h0, c0, hidden, saved, scratch);

        float[][] Gradients(bool withInput)
        {
            float[][] g = [new float[f * gh], new float[h * gh], new float[gh], new float[gh], new float[withInput ? steps * f : 0]];
            RecurrentKernel.Backward<float>(cell, steps, f, h, false, x, wih, whh, bih, bhh, h0, c0, hidden, saved, dh, g[0], g[1], g[2], g[3], g[4], scratch);
            return g;
        }

        float[][] with = Gradients(true), without = Gradients(false);
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(with[k], without[k]);
        }
    }

    /// <summary>
    /// σ and tanh as the LSTM applies them, read back from the gates Forward saves: with W_ih = 1, W_hh = 0 and zero
    /// biases, every pre-activation of step t is exactly x_t, so i, f, o are σ(x_t) and g is tanh(x_t), over a sweep of
    /// values including NaN and ±∞ (29 units: with AVX-512, 512-bit vectors, then a Vector&lt;T&gt;, then the rest through the scalar path). The error is measured in units of 2^−23 (float) or 2^−52
    /// (double) relative to a reference computed in double with <see cref="Math"/>; σ below the smallest normal number
    /// is bounded absolutely by that number instead (documented: the kernel does not produce subnormal σ).
    /// </summary>
    [Fact]
    public void Gate_nonlinearities_are_accurate_in_float() => NonlinearityAccuracy<float>(limit: 95, ulps: 3);

    [Fact]
    public void Gate_nonlinearities_are_accurate_in_double() => NonlinearityAccuracy<double>(limit: 750, ulps: 5);

    [Theory]
    [MemberData(nameof(Cells))]
    public void Nan_input_gives_nan_states_in_every_unit(RecurrentCell cell)
    {
        // H = 19: whole vectors (16 + 3 in float with AVX-512, 16 + 3 in double), then three scalar units.
        AssertNanPropagates<float>(cell);
        AssertNanPropagates<double>(cell);
    }

    [Fact]
    public void Kernels_allocate_nothing_after_warm_up()
    {
        foreach (RecurrentCell cell in Enum.GetValues<RecurrentCell>())
        {
            Assert.Equal(0, AllocatedBytes<float>(cell));
            Assert.Equal(0, AllocatedBytes<double>(cell));
        }
    }

    private static void StepEqualsForward<T>(RecurrentCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RecurrentData data = RecurrentData.Create<T>(c, seed: c.ToString().Length);
        int f = c.Inputs, h = c.Hidden, steps = c.Steps;
        T[] x = KernelData.Cast<T>(data.Input), wih = KernelData.Cast<T>(data.WeightIh), whh = KernelData.Cast<T>(data.WeightHh);
        T[] bih = KernelData.Cast<T>(data.BiasIh), bhh = KernelData.Cast<T>(data.BiasHh);
        T[] h0 = KernelData.Cast<T>(data.Hidden0), c0 = KernelData.Cast<T>(data.Cell0);
        T[] hidden = KernelData.Poisoned<T>(steps * h);
        int savedStride = RecurrentKernel.SavedPerStep(c.Cell, h);
        T[] saved = KernelData.Poisoned<T>(steps * savedStride);
        T[] scratch = KernelData.Poisoned<T>(RecurrentKernel.ScratchLength(c.Cell, f, h));
        RecurrentKernel.Forward<T>(c.Cell, steps, f, h, c.Reverse, x, wih, whh, bih, bhh, h0, c0, hidden, saved, scratch);

        T[] state = h0.Length == 0 ? new T[h] : (T[])h0.Clone();
        T[] cellState = c.Cell != RecurrentCell.Lstm ? [] : c0.Length == 0 ? new T[h] : (T[])c0.Clone();
        for (int s = 0; s < steps; s++)
        {
            int t = c.Reverse ? steps - 1 - s : s;
            scratch.AsSpan().Fill(T.NaN);
            RecurrentKernel.Step<T>(c.Cell, f, h, x.AsSpan(t * f, f), wih, whh, bih, bhh, state, cellState, scratch);
            Assert.True(state.AsSpan().SequenceEqual(hidden.AsSpan(t * h, h)), $"h at step {t} differs from Forward's");
            if (c.Cell == RecurrentCell.Lstm)
            {
                Assert.True(cellState.AsSpan().SequenceEqual(saved.AsSpan((t * savedStride) + (4 * h), h)), $"c at step {t} differs from Forward's");
            }
        }
    }

    private void NonlinearityAccuracy<T>(double limit, double ulps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Linear over ±limit, then ± powers from 1e-30 up, then the special values.
        var values = new List<double>();
        for (int k = -2000; k <= 2000; k++)
        {
            values.Add(limit * k / 2000.0);
        }

        for (double magnitude = 1e-30; magnitude < 4; magnitude *= 1.07)
        {
            values.Add(magnitude);
            values.Add(-magnitude);
        }

        double[] special = [double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.NaN]; // NaN last: h_t feeds back through W_hh = 0, and 0·NaN is NaN
        values.AddRange(special);
        T[] z = values.Select(T.CreateTruncating).ToArray();

        // One value per step; 29 units, so that every path runs: with AVX-512, 16 + 8 + 5 scalar in float and
        // 24 + 4 + 1 in double (512-bit vectors, a 256-bit Vector<T>, scalar units); with AVX2, 24 + 5 and 28 + 1.
        // Each unit sees the value through
        // W_ih = 1, zero biases and W_hh = 0, which add exact zeros.
        const int units = 29;
        int steps = z.Length;
        int savedStride = RecurrentKernel.SavedPerStep(RecurrentCell.Lstm, units);
        T[] saved = new T[steps * savedStride];
        T[] weightIh = Enumerable.Repeat(T.One, 4 * units).ToArray();
        RecurrentKernel.Forward<T>(
            RecurrentCell.Lstm, steps, 1, units, false, z, weightIh, new T[units * 4 * units], new T[4 * units], new T[4 * units], [], [],
            new T[steps * units], saved, new T[RecurrentKernel.ScratchLength(RecurrentCell.Lstm, 1, units)]);

        double epsilon = typeof(T) == typeof(float) ? Math.Pow(2, -23) : Math.Pow(2, -52);
        double smallestNormal = typeof(T) == typeof(float) ? 1.1754943508222875e-38 : 2.2250738585072014e-308;
        double worstSigmoid = 0, worstTanh = 0;
        for (int t = 0; t < steps; t++)
        {
            double input = double.CreateTruncating(z[t]);
            double expectedSigmoid = 1 / (1 + Math.Exp(-input));
            double expectedTanh = Math.Tanh(input);
            for (int k = 0; k < units; k++)
            {
                int row = t * savedStride;
                double sigmoid = double.CreateTruncating(saved[row + k]);
                double tanh = double.CreateTruncating(saved[row + (2 * units) + k]);
                Assert.Equal(sigmoid, double.CreateTruncating(saved[row + units + k]));
                Assert.Equal(sigmoid, double.CreateTruncating(saved[row + (3 * units) + k]));
                if (double.IsNaN(input))
                {
                    Assert.True(double.IsNaN(sigmoid) && double.IsNaN(tanh), "NaN must stay NaN");
                    continue;
                }

                if (expectedSigmoid < smallestNormal)
                {
                    Assert.True(sigmoid >= 0 && sigmoid <= smallestNormal, $"σ({input:R}) = {sigmoid:R}, expected below {smallestNormal:R}");
                }
                else
                {
                    double error = Math.Abs(sigmoid - expectedSigmoid) / expectedSigmoid / epsilon;
                    worstSigmoid = Math.Max(worstSigmoid, error);
                    Assert.True(error <= ulps, $"σ({input:R}) = {sigmoid:R} in unit {k}, expected {expectedSigmoid:R} ({error:F2} ulps)");
                }

                double tanhError = expectedTanh == 0 ? (tanh == 0 ? 0 : double.PositiveInfinity) : Math.Abs(tanh - expectedTanh) / Math.Abs(expectedTanh) / epsilon;
                worstTanh = Math.Max(worstTanh, tanhError);
                Assert.True(tanhError <= ulps, $"tanh({input:R}) = {tanh:R} in unit {k}, expected {expectedTanh:R} ({tanhError:F2} ulps)");
            }
        }

        _output.WriteLine($"{typeof(T).Name}: σ within {worstSigmoid:F2} ulps, tanh within {worstTanh:F2} ulps over {steps} values");
    }

    private static void AssertNanPropagates<T>(RecurrentCell cell)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new RecurrentCase(cell, 2, 19, 1);
        RecurrentData data = RecurrentData.Create<T>(c, seed: 3);
        T[] x = [T.NaN, T.One];
        T[] state = KernelData.Cast<T>(data.Hidden0), cellState = KernelData.Cast<T>(data.Cell0);
        T[] scratch = new T[RecurrentKernel.ScratchLength(cell, 2, 19)];
        RecurrentKernel.Step<T>(
            cell, 2, 19, x, KernelData.Cast<T>(data.WeightIh), KernelData.Cast<T>(data.WeightHh), KernelData.Cast<T>(data.BiasIh), KernelData.Cast<T>(data.BiasHh), state, cellState, scratch);
        Assert.All(state, value => Assert.True(T.IsNaN(value), $"{cell} ({typeof(T).Name}): h {value} from a NaN input"));
    }

    private static long AllocatedBytes<T>(RecurrentCell cell)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new RecurrentCase(cell, 3, 13, 6);
        RecurrentData data = RecurrentData.Create<T>(c, seed: 9);
        int f = c.Inputs, h = c.Hidden, steps = c.Steps, gh = RecurrentKernel.GateCount(cell) * h;
        T[] x = KernelData.Cast<T>(data.Input), wih = KernelData.Cast<T>(data.WeightIh), whh = KernelData.Cast<T>(data.WeightHh);
        T[] bih = KernelData.Cast<T>(data.BiasIh), bhh = KernelData.Cast<T>(data.BiasHh);
        T[] h0 = KernelData.Cast<T>(data.Hidden0), c0 = KernelData.Cast<T>(data.Cell0), dh = KernelData.Cast<T>(data.OutputGradient);
        T[] hidden = new T[steps * h], saved = new T[steps * RecurrentKernel.SavedPerStep(cell, h)];
        T[] scratch = new T[RecurrentKernel.ScratchLength(cell, f, h)];
        T[] dwih = new T[f * gh], dwhh = new T[h * gh], dbih = new T[gh], dbhh = new T[gh], dx = new T[steps * f];
        T[] state = new T[h], cellState = new T[cell == RecurrentCell.Lstm ? h : 0];
        const int batch = 5;
        int blockWork = RecurrentKernel.BlockSampleScratchLength(cell, f, h);
        T[] blockStates = new T[batch * (hidden.Length + saved.Length)], blockWorks = new T[batch * blockWork], blockScratch = new T[RecurrentKernel.BlockScratchLength(cell, f, h)];
        T[] blockInput = new T[batch * x.Length], blockDx = new T[batch * x.Length], blockDh = new T[batch * dh.Length];
        void Run()
        {
            RecurrentKernel.ForwardBlock<T>(cell, steps, f, h, false, batch, blockInput, x.Length, wih, whh, bih, bhh, blockStates, hidden.Length + saved.Length, blockWorks, blockWork, blockScratch);
            RecurrentKernel.BackwardBlock<T>(
                cell, steps, f, h, false, batch, blockInput, x.Length, wih, whh, bih, bhh, blockStates, hidden.Length + saved.Length, blockDh, dh.Length, h,
                dwih, dwhh, dbih, dbhh, blockDx, x.Length, true, blockWorks, blockWork, blockScratch);
            RecurrentKernel.Forward<T>(cell, steps, f, h, false, x, wih, whh, bih, bhh, h0, c0, hidden, saved, scratch);
            RecurrentKernel.Backward<T>(cell, steps, f, h, false, x, wih, whh, bih, bhh, h0, c0, hidden, saved, dh, dwih, dwhh, dbih, dbhh, dx, scratch);
            RecurrentKernel.Forward<T>(cell, steps, f, h, true, x, wih, whh, bih, bhh, [], [], hidden, saved, scratch);
            RecurrentKernel.Backward<T>(cell, steps, f, h, true, x, wih, whh, bih, bhh, [], [], hidden, saved, dh, dwih, dwhh, dbih, dbhh, [], scratch);
            RecurrentKernel.Step<T>(cell, f, h, x.AsSpan(0, f), wih, whh, bih, bhh, state, cellState, scratch);
        }

        for (int round = 0; round < 50; round++)
        {
            Run();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 100; round++)
        {
            Run();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
