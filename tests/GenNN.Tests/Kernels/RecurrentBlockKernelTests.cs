using System;
using System.Linq;
using GenNN.Kernels;
using Xunit;

namespace GenNN.Tests.Kernels;

/// <summary>
/// <see cref="RecurrentKernel.ForwardBlock"/> and <see cref="RecurrentKernel.BackwardBlock"/> against the one-sample
/// kernels (themselves checked against PyTorch and finite differences), in double: every sample's states and input
/// gradient, and the parameter gradients as the sum of the samples' ones, within the rounding of a reordered sum. The
/// samples lie at padded strides and the scratch starts poisoned, so a value read from the wrong place or before it is
/// written shows.
/// </summary>
public sealed class RecurrentBlockKernelTests
{
    private const double Tolerance = 1e-12;

    /// <summary>Cells, sizes with and without vector tails, blocks with and without a ragged tile of samples, both directions, every step or the last.</summary>
    public static TheoryData<RecurrentCell, int, int, int, bool, bool, int> Cases => new()
    {
        { RecurrentCell.Lstm, 1, 16, 7, false, false, 9 },
        { RecurrentCell.Lstm, 3, 5, 4, true, true, 6 },
        { RecurrentCell.Lstm, 2, 32, 5, false, true, 1 },
        { RecurrentCell.Gru, 3, 8, 5, false, false, 6 },
        { RecurrentCell.Gru, 2, 11, 4, true, true, 9 },
        { RecurrentCell.RnnTanh, 4, 9, 5, false, true, 5 },
        { RecurrentCell.RnnReLU, 3, 12, 4, true, false, 7 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Block_passes_equal_the_one_sample_kernels(RecurrentCell cell, int f, int h, int steps, bool reverse, bool everyStep, int batch)
    {
        var random = new Random((int)cell + (10 * f) + (100 * h) + batch);
        int gh = RecurrentKernel.GateCount(cell) * h;
        int savedStride = RecurrentKernel.SavedPerStep(cell, h);
        int stateLength = steps * (h + savedStride);
        int inputStride = (steps * f) + 3, stateStride = stateLength + 5;
        int workLength = RecurrentKernel.BlockSampleScratchLength(cell, f, h), workStride = workLength + 2;
        int width = h + 2, dyStride = everyStep ? (steps * width) + 1 : h + 4;
        double[] x = KernelData.Uniform(random, batch * inputStride);
        double[] wih = KernelData.Uniform(random, f * gh, -0.5, 0.5), whh = KernelData.Uniform(random, h * gh, -0.5, 0.5);
        double[] bih = KernelData.Uniform(random, gh, -0.5, 0.5), bhh = KernelData.Uniform(random, gh, -0.5, 0.5);
        double[] dy = KernelData.Uniform(random, batch * dyStride);
        double[] start = KernelData.Uniform(random, (f * gh) + (h * gh) + (2 * gh), -0.5, 0.5);
        double[] states = KernelData.Poisoned<double>(batch * stateStride);
        double[] work = KernelData.Poisoned<double>(batch * workStride);
        double[] scratch = KernelData.Poisoned<double>(RecurrentKernel.BlockScratchLength(cell, f, h));

        RecurrentKernel.ForwardBlock<double>(cell, steps, f, h, reverse, batch, x, inputStride, wih, whh, bih, bhh, states, stateStride, work, workStride, scratch);

        // The parameter gradients are added to start; the input gradient is written, then added to a second time.
        double[] dx = KernelData.Poisoned<double>(batch * inputStride);
        double[] Backward(bool add)
        {
            double[] gradients = (double[])start.Clone();
            Span<double> g = gradients;
            RecurrentKernel.BackwardBlock<double>(
                cell, steps, f, h, reverse, batch, x, inputStride, wih, whh, bih, bhh, states, stateStride, dy, dyStride, everyStep ? width : 0,
                g.Slice(0, f * gh), g.Slice(f * gh, h * gh), g.Slice((f + h) * gh, gh), g.Slice(((f + h) * gh) + gh, gh), dx, inputStride, add, work, workStride, scratch);
            return gradients;
        }

        Backward(add: false);
        double[] once = (double[])dx.Clone();
        double[] gradients = Backward(add: true);

        double[] expectedGradients = (double[])start.Clone();
        var one = new OneSample(cell, f, h, steps, reverse);
        for (int b = 0; b < batch; b++)
        {
            double[] hiddenGradient = new double[steps * h];
            for (int t = 0; t < steps; t++)
            {
                if (everyStep)
                {
                    Array.Copy(dy, (b * dyStride) + (t * width), hiddenGradient, t * h, h);
                }
            }

            if (!everyStep)
            {
                Array.Copy(dy, b * dyStride, hiddenGradient, (reverse ? 0 : steps - 1) * h, h);
            }

            (double[] hidden, double[] saved, double[] sampleGradients, double[] sampleDx) = one.Run(x.AsSpan(b * inputStride, steps * f), wih, whh, bih, bhh, hiddenGradient);
            AssertClose(hidden.Concat(saved).ToArray(), states.AsSpan(b * stateStride, stateLength), $"sample {b}'s states");
            AssertClose(sampleDx, once.AsSpan(b * inputStride, steps * f), $"sample {b}'s input gradient");
            AssertClose(sampleDx.Select(v => 2 * v).ToArray(), dx.AsSpan(b * inputStride, steps * f), $"sample {b}'s added input gradient");
            for (int i = 0; i < expectedGradients.Length; i++)
            {
                expectedGradients[i] += sampleGradients[i];
            }
        }

        AssertClose(expectedGradients, gradients, "parameter gradients");
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<double> actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1, Math.Abs(expected[i])), $"{what}, value {i}: {actual[i]} instead of {expected[i]}");
        }
    }

    /// <summary>One sample through <see cref="RecurrentKernel.Forward"/> and <see cref="RecurrentKernel.Backward"/> from a zero state.</summary>
    private sealed record OneSample(RecurrentCell Cell, int F, int H, int Steps, bool Reverse)
    {
        public (double[] Hidden, double[] Saved, double[] Gradients, double[] InputGradient) Run(
            ReadOnlySpan<double> x, double[] wih, double[] whh, double[] bih, double[] bhh, double[] hiddenGradient)
        {
            int gh = RecurrentKernel.GateCount(Cell) * H;
            double[] hidden = new double[Steps * H], saved = new double[Steps * RecurrentKernel.SavedPerStep(Cell, H)];
            double[] scratch = new double[RecurrentKernel.ScratchLength(Cell, F, H)];
            RecurrentKernel.Forward<double>(Cell, Steps, F, H, Reverse, x, wih, whh, bih, bhh, [], [], hidden, saved, scratch);
            double[] gradients = new double[(F * gh) + (H * gh) + (2 * gh)], dx = new double[Steps * F];
            Span<double> g = gradients;
            RecurrentKernel.Backward<double>(
                Cell, Steps, F, H, Reverse, x, wih, whh, bih, bhh, [], [], hidden, saved, hiddenGradient,
                g.Slice(0, F * gh), g.Slice(F * gh, H * gh), g.Slice((F + H) * gh, gh), g.Slice(((F + H) * gh) + gh, gh), dx, scratch);
            return (hidden, saved, gradients, dx);
        }
    }
}
