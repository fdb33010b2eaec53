using System;
using System.Collections.Generic;
using System.Linq;
using GenNN.Benchmarks.Networks;

namespace GenNN.Benchmarks.Naive;

/// <summary>
/// The network everybody writes first, following a tutorial: an object per neuron, <see langword="double"/>
/// everywhere, a new array per layer per call, and backpropagation one sample at a time with the minibatch's
/// gradients summed in the neurons. Correct, and the baseline GenNN is measured against.
/// </summary>
public sealed class NaiveNetwork
{
    private readonly NaiveLayer[] layers;
    private readonly LossFunction loss;

    public NaiveNetwork(IReadOnlyList<DenseLayerWeights> weights, LossFunction loss)
    {
        layers = weights.Select(CreateLayer).ToArray();
        this.loss = loss;
    }

    public double[] Forward(double[] input)
    {
        double[] activations = input;
        foreach (NaiveLayer layer in layers)
        {
            activations = layer.Forward(activations);
        }

        return activations;
    }

    /// <summary>One SGD step on a minibatch: backpropagates sample by sample, then averages and updates. Returns the mean loss.</summary>
    public double TrainBatch(double[][] inputs, double[][] targets, double learningRate)
    {
        double totalLoss = 0;
        for (int sample = 0; sample < inputs.Length; sample++)
        {
            double[] output = Forward(inputs[sample]);
            totalLoss += Backpropagate(output, targets[sample]);
        }

        foreach (NaiveLayer layer in layers)
        {
            foreach (NaiveNeuron neuron in layer.Neurons)
            {
                neuron.ApplyGradients(learningRate, inputs.Length);
            }
        }

        return totalLoss / inputs.Length;
    }

    /// <summary>The parameters as float layers, for comparing with the other implementations.</summary>
    public IReadOnlyList<DenseLayerWeights> ReadWeights(NetworkDescription description)
        => layers.Select((layer, index) => new DenseLayerWeights(
            description.Layers[index],
            layer.Neurons.SelectMany(neuron => neuron.Weights).Select(weight => (float)weight).ToArray(),
            layer.Neurons.Select(neuron => (float)neuron.Bias).ToArray())).ToList();

    /// <summary>Sets every neuron's delta for one sample, adds its gradients, and returns the sample's loss.</summary>
    private double Backpropagate(double[] output, double[] target)
    {
        NaiveLayer outputLayer = layers[^1];
        double sampleLoss = 0;
        var gradients = new double[output.Length];
        if (loss == LossFunction.MeanSquaredError)
        {
            // L = (1/n) Σ (a − y)², so ∂L/∂a = (2/n)(a − y).
            for (int j = 0; j < output.Length; j++)
            {
                double error = output[j] - target[j];
                sampleLoss += error * error / output.Length;
                gradients[j] = 2 * error / output.Length;
            }

            gradients = outputLayer.Backward(gradients);
        }
        else if (loss == LossFunction.CrossEntropy && outputLayer.Activation == Activation.Softmax)
        {
            // L = −Σ y log a with a = softmax(z), so ∂L/∂z = a − y when Σ y = 1.
            for (int j = 0; j < output.Length; j++)
            {
                sampleLoss -= target[j] * Math.Log(output[j]);
                gradients[j] = output[j] - target[j];
            }

            gradients = outputLayer.BackwardFromDeltas(gradients);
        }
        else
        {
            throw new NotSupportedException($"The naive network trains on mean squared error, or cross-entropy after softmax; not {loss}.");
        }

        for (int index = layers.Length - 2; index >= 0; index--)
        {
            gradients = layers[index].Backward(gradients);
        }

        return sampleLoss;
    }

    private static NaiveLayer CreateLayer(DenseLayerWeights weights)
    {
        LayerDescription layer = weights.Layer;
        var neurons = new NaiveNeuron[layer.OutputSize];
        for (int j = 0; j < neurons.Length; j++)
        {
            float[] row = weights.OutputMajor[(j * layer.InputSize)..((j + 1) * layer.InputSize)];
            neurons[j] = new NaiveNeuron(Array.ConvertAll(row, weight => (double)weight), weights.Bias[j]);
        }

        return new NaiveLayer(neurons, layer.Activation, layer.NegativeSlope);
    }
}
