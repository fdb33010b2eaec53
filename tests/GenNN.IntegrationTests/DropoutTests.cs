using System;
using GenNN.IntegrationTests.Dropout;
using GenNN.Tests;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>Generated inverted dropout: exact gradients under a fixed mask, and no effect outside training.</summary>
public sealed class DropoutTests
{
    [Fact]
    public void Backward_matches_finite_differences_under_a_fixed_mask()
    {
        var network = new DropoutNet(1);
        var random = new SeededRandom(2);
        GradientChecker.Perturb(network, ref random);
        (double[] input, double[] target) = GradientChecker.Sample(ref random, DropoutNet.InputSize, DropoutNet.OutputSize, LossFunction.CrossEntropy);

        // The generator state fixes the masks: every call below starts from the same state, so all see the same mask.
        var maskSeed = new SeededRandom(77);
        var analytic = new double[DropoutNet.ParameterCount];
        var scratch = new double[DropoutNet.ParameterCount];
        var masks = maskSeed;
        network.AccumulateGradients(input, target, analytic, ref masks);

        Span<double> parameters = network.Parameters;
        double worst = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            double saved = parameters[i];
            parameters[i] = saved + GradientChecker.Step;
            masks = maskSeed;
            double plus = network.AccumulateGradients(input, target, scratch, ref masks);
            parameters[i] = saved - GradientChecker.Step;
            masks = maskSeed;
            double minus = network.AccumulateGradients(input, target, scratch, ref masks);
            parameters[i] = saved;
            double numeric = (plus - minus) / (2 * GradientChecker.Step);
            worst = Math.Max(worst, Math.Abs(analytic[i] - numeric) / Math.Max(1.0, Math.Abs(analytic[i]) + Math.Abs(numeric)));
        }

        Assert.True(worst < GradientChecker.Tolerance, $"gradient error {worst:E2}");
    }

    [Fact]
    public void Dropout_changes_training_but_not_inference()
    {
        var withDropout = new DropoutNet(5);
        var without = new NoDropoutNet(5);
        withDropout.Parameters.CopyTo(without.Parameters);
        var random = new SeededRandom(3);
        (double[] input, double[] target) = GradientChecker.Sample(ref random, DropoutNet.InputSize, DropoutNet.OutputSize, LossFunction.CrossEntropy);

        var expected = new double[DropoutNet.OutputSize];
        var actual = new double[DropoutNet.OutputSize];
        without.Forward(input, expected);
        withDropout.Forward(input, actual);
        Assert.Equal(expected, actual);
        Assert.Equal(without.ComputeLoss(input, target), withDropout.ComputeLoss(input, target));

        // What training computes with the masks drawn is checked against the documented masks in DocumentedBehaviourTests.
    }

    [Fact]
    public void Training_with_dropout_is_deterministic_per_seed()
    {
        var first = new DropoutNet(9);
        var second = new DropoutNet(9);
        var random = new SeededRandom(4);
        (double[] input, double[] target) = GradientChecker.Sample(ref random, DropoutNet.InputSize, DropoutNet.OutputSize, LossFunction.CrossEntropy);
        for (int step = 0; step < 20; step++)
        {
            first.TrainStep(input, target, 0.05);
            second.TrainStep(input, target, 0.05);
        }

        Assert.Equal(first.Parameters.ToArray(), second.Parameters.ToArray());
    }
}
