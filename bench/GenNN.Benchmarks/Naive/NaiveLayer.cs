using System;

namespace GenNN.Benchmarks.Naive;

/// <summary>A layer as tutorials write it: an array of neurons sharing one activation function.</summary>
public sealed class NaiveLayer
{
    private double[] lastInputs = Array.Empty<double>();

    public NaiveLayer(NaiveNeuron[] neurons, Activation activation, double negativeSlope)
    {
        Neurons = neurons;
        Activation = activation;
        NegativeSlope = negativeSlope;
    }

    public NaiveNeuron[] Neurons { get; }

    public Activation Activation { get; }

    public double NegativeSlope { get; }

    /// <summary>Computes every neuron's output into a new array, remembering the inputs for backpropagation.</summary>
    public double[] Forward(double[] inputs)
    {
        lastInputs = inputs;
        var outputs = new double[Neurons.Length];
        for (int j = 0; j < Neurons.Length; j++)
        {
            NaiveNeuron neuron = Neurons[j];
            neuron.WeightedSum = neuron.ComputeWeightedSum(inputs);
            outputs[j] = Activation == Activation.Softmax ? neuron.WeightedSum : Activate(neuron.WeightedSum);
        }

        if (Activation == Activation.Softmax)
        {
            Softmax(outputs);
        }

        for (int j = 0; j < Neurons.Length; j++)
        {
            Neurons[j].Output = outputs[j];
        }

        return outputs;
    }

    /// <summary>
    /// Sets each neuron's delta from ∂L/∂a (<paramref name="outputGradients"/>), adds its gradients, and returns
    /// ∂L/∂(inputs) for the layer before.
    /// </summary>
    public double[] Backward(double[] outputGradients)
    {
        for (int j = 0; j < Neurons.Length; j++)
        {
            Neurons[j].Delta = outputGradients[j] * Derivative(Neurons[j]);
        }

        return PropagateDeltas();
    }

    /// <summary>Like <see cref="Backward"/> for an output layer whose deltas the loss gave directly (softmax with cross-entropy).</summary>
    public double[] BackwardFromDeltas(double[] deltas)
    {
        for (int j = 0; j < Neurons.Length; j++)
        {
            Neurons[j].Delta = deltas[j];
        }

        return PropagateDeltas();
    }

    private double[] PropagateDeltas()
    {
        var inputGradients = new double[lastInputs.Length];
        foreach (NaiveNeuron neuron in Neurons)
        {
            neuron.AccumulateGradients(lastInputs);
            for (int i = 0; i < inputGradients.Length; i++)
            {
                inputGradients[i] += neuron.Weights[i] * neuron.Delta;
            }
        }

        return inputGradients;
    }

    private double Activate(double z) => Activation switch
    {
        Activation.Identity => z,
        Activation.ReLU => Math.Max(z, 0),
        Activation.LeakyReLU => z > 0 ? z : NegativeSlope * z,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        _ => throw new NotSupportedException($"The naive network has no {Activation} neurons."),
    };

    /// <summary>f'(z), from the neuron's z and a.</summary>
    private double Derivative(NaiveNeuron neuron) => Activation switch
    {
        Activation.Identity => 1,
        Activation.ReLU => neuron.WeightedSum > 0 ? 1 : 0,
        Activation.LeakyReLU => neuron.WeightedSum > 0 ? 1 : NegativeSlope,
        Activation.Sigmoid => neuron.Output * (1 - neuron.Output),
        Activation.Tanh => 1 - (neuron.Output * neuron.Output),
        _ => throw new NotSupportedException($"The naive network differentiates {Activation} only together with cross-entropy."),
    };

    private static void Softmax(double[] values)
    {
        double max = double.NegativeInfinity;
        foreach (double value in values)
        {
            max = Math.Max(max, value);
        }

        double sum = 0;
        for (int j = 0; j < values.Length; j++)
        {
            values[j] = Math.Exp(values[j] - max);
            sum += values[j];
        }

        for (int j = 0; j < values.Length; j++)
        {
            values[j] /= sum;
        }
    }
}
