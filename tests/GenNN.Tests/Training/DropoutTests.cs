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

    [Fact]
    public void Masks_come_from_the_random_stream_deterministically_and_differ_per_sample()
    {
        DropoutProbe probe = CreateProbe();
        double[] first = MaskedGradient(probe, seed: 1);
        Assert.Equal(first, MaskedGradient(probe, seed: 1));
        Assert.NotEqual(first, MaskedGradient(probe, seed: 2));

        // Two samples in one call draw two masks: the sum is not twice one mask.
        var random = new SeededRandom(1);
        double[] pair = new double[DropoutProbe.ParameterCount];
        probe.AccumulateGradients([1.0, 1.0], [-1.0, -1.0], pair, ref random);
        Assert.Contains(pair.Skip(DropoutProbe.ReadoutWeightsOffset).Take(DropoutProbe.ReadoutWeightsLength), value => Math.Abs(value - KeptGradient) < 1e-9);
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
            withDropout.Forward([x], twinOutput);
            Assert.Equal(output[0], twinOutput[0]);
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

    private static double[] MaskedGradient(DropoutProbe probe, long seed)
    {
        var random = new SeededRandom(seed);
        double[] gradients = new double[DropoutProbe.ParameterCount];
        probe.AccumulateGradients([1.0], [-1.0], gradients, ref random);
        return gradients;
    }
}
