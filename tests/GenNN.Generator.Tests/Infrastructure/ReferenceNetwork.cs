using System;

namespace GenNN.Generator.Tests.Infrastructure;

/// <summary>
/// A deliberately naive forward pass over a <see cref="Topology"/>'s parameters, written from the documentation
/// (<c>src/Activation.cs</c>; <c>DenseAttribute</c> and <c>INetwork.Parameters</c>: layer by layer, the weights
/// input-major <c>[in, out]</c>, then the bias), to check generated kernels against.
/// </summary>
internal static class ReferenceNetwork
{
    /// <summary>
    /// The network's output for <paramref name="input"/>, and the smallest <c>|z|</c> any ReLU or LeakyReLU neuron
    /// saw (<see cref="double.PositiveInfinity"/> without such layers): near 0, finite differences straddle the kink.
    /// </summary>
    public static (double[] Output, double NearestKink) Forward(Topology topology, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input)
    {
        double[] activations = input.ToArray();
        double nearestKink = double.PositiveInfinity;
        int offset = 0;
        foreach (DenseLayer layer in topology.Layers)
        {
            int inputs = activations.Length;
            ReadOnlySpan<double> weights = parameters.Slice(offset, layer.Units * inputs);
            ReadOnlySpan<double> bias = parameters.Slice(offset + (layer.Units * inputs), layer.Units);
            offset += (layer.Units * inputs) + layer.Units;

            var z = new double[layer.Units];
            for (int j = 0; j < layer.Units; j++)
            {
                double sum = bias[j];
                for (int i = 0; i < inputs; i++)
                {
                    sum += weights[(i * layer.Units) + j] * activations[i];
                }

                z[j] = sum;
                if (layer.Activation is Activation.ReLU or Activation.LeakyReLU)
                {
                    nearestKink = Math.Min(nearestKink, Math.Abs(sum));
                }
            }

            activations = Activate(layer, z);
        }

        return (activations, nearestKink);
    }

    private static double[] Activate(DenseLayer layer, double[] z)
    {
        if (layer.Activation == Activation.Softmax)
        {
            double max = double.NegativeInfinity;
            foreach (double value in z)
            {
                max = Math.Max(max, value);
            }

            var exp = new double[z.Length];
            double sum = 0;
            for (int k = 0; k < z.Length; k++)
            {
                exp[k] = Math.Exp(z[k] - max);
                sum += exp[k];
            }

            for (int k = 0; k < z.Length; k++)
            {
                exp[k] /= sum;
            }

            return exp;
        }

        var a = new double[z.Length];
        for (int k = 0; k < z.Length; k++)
        {
            a[k] = layer.Activation switch
            {
                Activation.Identity => z[k],
                Activation.ReLU => Math.Max(z[k], 0),
                Activation.LeakyReLU => z[k] > 0 ? z[k] : layer.NegativeSlope * z[k],
                Activation.Sigmoid => 1 / (1 + Math.Exp(-z[k])),
                Activation.Tanh => Math.Tanh(z[k]),
                _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Not an elementwise activation."),
            };
        }

        return a;
    }
}
