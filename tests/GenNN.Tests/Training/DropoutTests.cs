using System;
using System.Linq;
using Xunit;

namespace GenNN.Tests.Training;

/// <summary>
/// Inverted dropout as training sees it, through <see cref="ITrainableNetwork{T}.AccumulateGradients"/>, and its absence
/// at inference. <see cref="DropoutProbe"/> is set up so that each output weight's gradient is one mask bit: 0 when
/// the hidden unit was dropped, 2 / keep-rate when it was kept.
/// </summary>
public sealed class DropoutTests
{
    private const double KeepRate = 0.7;
    private static readonly double KeptGradient = 2 / KeepRate;

    [Fact]
    public void Keeps_the_declared_fraction_of_units_and_scales_them_by_one_over_the_keep_rate()
    {
        DropoutProbe probe = CreateProbe();
        var random = new SeededRandom(2024);
        double[] gradients = new double[DropoutProbe.ParameterCount];
        int kept = 0;
        int draws = 0;
        double keptGradientSum = 0;
        for (int sample = 0; sample < 200; sample++)
        {
            Array.Clear(gradients);
            probe.AccumulateGradients([1.0], [-1.0], gradients, ref random);
            foreach (double gradient in gradients.AsSpan(DropoutProbe.ReadoutWeightsOffset, DropoutProbe.ReadoutWeightsLength))
            {
                draws++;
                if (gradient != 0)
                {
                    Assert.Equal(KeptGradient, gradient, 12);
                    kept++;
                }

                keptGradientSum += gradient;
            }
        }

        // 200 000 Bernoulli(0.7) draws: the standard deviation of the fraction is 0.001, so 0.005 is five of them.
        double fraction = (double)kept / draws;
        Assert.InRange(fraction, KeepRate - 0.005, KeepRate + 0.005);

        // Inverted dropout keeps the expected activation: the mean hidden output is 1, as without dropout.
        Assert.InRange(keptGradientSum / draws / 2, 0.99, 1.01);
    }

    /// <summary>
    /// Each sample draws one <see cref="SeededRandom.NextDouble()"/> per dropout unit, in unit order, and drops the
    /// unit when the draw is below the rate: so the probe's gradient is known exactly from the stream alone.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(1, 2)]
    [InlineData(7, 3)]
    public void Masks_are_one_draw_per_unit_and_sample_from_the_random_stream(long seed, int samples)
    {
        DropoutProbe probe = CreateProbe();
        var random = new SeededRandom(seed);
        double[] gradients = new double[DropoutProbe.ParameterCount];

        probe.AccumulateGradients(Enumerable.Repeat(1.0, samples).ToArray(), Enumerable.Repeat(-1.0, samples).ToArray(), gradients, ref random);

        // Output 0 against target −1: dL/d(output) = 2 per sample, so readout weight j gathers 2·mask_j, the readout
        // bias 2, and the probe layer nothing (the readout weights are 0).
        double[] expected = new double[DropoutProbe.ParameterCount];
        var stream = new SeededRandom(seed);
        for (int sample = 0; sample < samples; sample++)
        {
            for (int j = 0; j < DropoutProbe.ReadoutWeightsLength; j++)
            {
                expected[DropoutProbe.ReadoutWeightsOffset + j] += stream.NextDouble() < 0.3 ? 0 : KeptGradient;
            }

            expected[DropoutProbe.ReadoutBiasOffset] += 2;
        }

        Assert.Equal(expected, gradients);
    }

    [Fact]
    public void Inference_ignores_dropout_entirely()
    {
        var withDropout = new DropoutProbe(seed: 77);
        var without = new DropoutProbeTwin(seed: 77);
        Assert.Equal(without.Parameters.ToArray(), withDropout.Parameters.ToArray());
        Assert.Equal(0.3, DropoutProbe.Description.Layers[1].Setting("Rate"));

        double[] output = new double[1];
        double[] twinOutput = new double[1];
        foreach (double x in new[] { -2.0, -0.1, 0, 0.5, 3 })
        {
            withDropout.Forward([x], output);
            without.Forward([x], twinOutput);
            Assert.Equal(twinOutput[0], output[0]);
            Assert.Equal(without.ComputeLoss([x], [1.0]), withDropout.ComputeLoss([x], [1.0]));
        }
    }

    /// <summary>Unit first-layer weights, zero biases and output weights: see the class summary.</summary>
    private static DropoutProbe CreateProbe()
    {
        var probe = new DropoutProbe();
        probe.Parameters.Clear();
        probe.ProbeWeights.Fill(1);
        return probe;
    }
}
