using System;
using GenNN;

namespace GenNN.Tests;

/// <summary>
/// Compares a network's analytic gradient (<c>Backward</c>) with central finite differences of <c>ComputeLoss</c>,
/// in double precision, parameter by parameter.
/// </summary>
internal static class GradientChecker
{
    /// <summary>The finite-difference step: small enough for the O(h²) truncation error, large enough for rounding (≈ ε^(1/3)).</summary>
    public const double Step = 1e-5;

    /// <summary>
    /// The tolerance on <c>|analytic − numeric| / max(1, |analytic| + |numeric|)</c>: relative for large gradients, absolute
    /// for small ones. Central differences with h = 1e-5 in double are accurate to about 1e-9 here; 1e-6 leaves room
    /// while still catching any wrong term (those are off by 1e-2 or more).
    /// </summary>
    public const double Tolerance = 1e-6;

    /// <summary>The largest scaled error over every parameter, for one sample.</summary>
    public static double MaxError(ITrainableNetwork<double> network, ReadOnlySpan<double> input, ReadOnlySpan<double> target)
    {
        network.ZeroGradients();
        network.Backward(input, target);
        double[] analytic = network.Gradients.ToArray();
        network.ZeroGradients();

        Span<double> parameters = network.Parameters;
        double worst = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            double saved = parameters[i];
            parameters[i] = saved + Step;
            double plus = network.ComputeLoss(input, target);
            parameters[i] = saved - Step;
            double minus = network.ComputeLoss(input, target);
            parameters[i] = saved;
            double numeric = (plus - minus) / (2 * Step);
            double error = Math.Abs(analytic[i] - numeric) / Math.Max(1.0, Math.Abs(analytic[i]) + Math.Abs(numeric));
            worst = Math.Max(worst, error);
        }

        return worst;
    }

    /// <summary>
    /// Adds U(−0.5, 0.5) to every parameter. Freshly initialized biases are exactly zero, so a layer fed by all-dead
    /// ReLUs has pre-activations of exactly 0, right on the kink, where a central difference measures half a slope.
    /// </summary>
    public static void Perturb(ITrainableNetwork<double> network, ref SeededRandom random)
    {
        Span<double> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] += random.NextDouble(-0.5, 0.5);
        }
    }

    /// <summary>A random input in [−1, 1] and a target valid for <paramref name="loss"/> (one-hot-ish distributions for cross-entropy, [0, 1] for BCE).</summary>
    public static (double[] Input, double[] Target) Sample(ref SeededRandom random, int inputSize, int outputSize, LossFunction loss)
    {
        var input = new double[inputSize];
        for (int i = 0; i < inputSize; i++)
        {
            input[i] = random.NextDouble(-1, 1);
        }

        var target = new double[outputSize];
        switch (loss)
        {
            case LossFunction.CrossEntropy:
                // A soft distribution: exercises the Σ target ≠ one-hot path of the fused gradient.
                double sum = 0;
                for (int k = 0; k < outputSize; k++)
                {
                    target[k] = random.NextDouble(0.05, 1);
                    sum += target[k];
                }

                for (int k = 0; k < outputSize; k++)
                {
                    target[k] /= sum;
                }

                break;
            case LossFunction.BinaryCrossEntropy:
                for (int k = 0; k < outputSize; k++)
                {
                    target[k] = random.NextDouble();
                }

                break;
            default:
                for (int k = 0; k < outputSize; k++)
                {
                    target[k] = random.NextDouble(-1, 1);
                }

                break;
        }

        return (input, target);
    }
}
