using System;
using System.Collections.Generic;
using System.Linq;

namespace GenNN.Benchmarks.Networks;

/// <summary>
/// One dense layer's parameters, copied out of a GenNN network into the layout every peer here wants:
/// <see cref="OutputMajor"/> is <c>[out, in]</c> (PyTorch's <c>nn.Linear.weight</c>, and one row per naive neuron).
/// </summary>
public sealed class DenseLayerWeights
{
    /// <summary>Wraps one layer's weights (<c>[out, in]</c>) and biases.</summary>
    public DenseLayerWeights(LayerDescription layer, float[] outputMajor, float[] bias)
    {
        Layer = layer;
        OutputMajor = outputMajor;
        Bias = bias;
    }

    /// <summary>The layer's description (sizes, activation).</summary>
    public LayerDescription Layer { get; }

    /// <summary>The weights, <c>[out, in]</c> row-major: <c>OutputMajor[j * in + i]</c> connects input <c>i</c> to output <c>j</c>.</summary>
    public float[] OutputMajor { get; }

    /// <summary>The biases, one per output.</summary>
    public float[] Bias { get; }

    /// <summary>Copies every layer's parameters out of <paramref name="parameters"/>, laid out as <paramref name="description"/> says.</summary>
    public static IReadOnlyList<DenseLayerWeights> Read(NetworkDescription description, ReadOnlySpan<float> parameters)
    {
        var layers = new List<DenseLayerWeights>();
        foreach (LayerDescription layer in description.Layers)
        {
            TensorDescription weights = layer.Tensors.Single(tensor => tensor.Name == "Weights");
            TensorDescription bias = layer.Tensors.Single(tensor => tensor.Name == "Bias");
            ReadOnlySpan<float> stored = parameters.Slice(weights.Offset, weights.Length);
            var outputMajor = new float[weights.Length];
            for (int input = 0; input < layer.InputSize; input++)
            {
                for (int output = 0; output < layer.OutputSize; output++)
                {
                    outputMajor[(output * layer.InputSize) + input] = stored[StoredIndex(layer, weights, input, output)];
                }
            }

            layers.Add(new DenseLayerWeights(layer, outputMajor, parameters.Slice(bias.Offset, bias.Length).ToArray()));
        }

        return layers;
    }

    /// <summary>Writes layers in <see cref="OutputMajor"/> form back into a GenNN parameter vector's layout.</summary>
    public static float[] ToParameters(NetworkDescription description, IReadOnlyList<DenseLayerWeights> layers)
    {
        var parameters = new float[description.ParameterCount];
        for (int index = 0; index < layers.Count; index++)
        {
            LayerDescription layer = description.Layers[index];
            TensorDescription weights = layer.Tensors.Single(tensor => tensor.Name == "Weights");
            TensorDescription bias = layer.Tensors.Single(tensor => tensor.Name == "Bias");
            Span<float> stored = parameters.AsSpan(weights.Offset, weights.Length);
            for (int input = 0; input < layer.InputSize; input++)
            {
                for (int output = 0; output < layer.OutputSize; output++)
                {
                    stored[StoredIndex(layer, weights, input, output)] = layers[index].OutputMajor[(output * layer.InputSize) + input];
                }
            }

            layers[index].Bias.CopyTo(parameters.AsSpan(bias.Offset, bias.Length));
        }

        return parameters;
    }

    /// <summary>
    /// Where the weight from <paramref name="input"/> to <paramref name="output"/> is stored. The description's shape
    /// says which layout the generator used: <c>[in, out]</c> (input-major, also assumed when square) or <c>[out, in]</c>.
    /// </summary>
    private static int StoredIndex(LayerDescription layer, TensorDescription weights, int input, int output)
    {
        bool inputMajor = weights.Shape[0] == layer.InputSize && weights.Shape[1] == layer.OutputSize;
        return inputMajor ? (input * layer.OutputSize) + output : (output * layer.InputSize) + input;
    }
}
