using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GenNN;

/// <summary>
/// A generated network's structure as data: its layers, their shapes and where each parameter tensor lives in
/// <see cref="INetwork{T}.Parameters"/>. Generated once per network type (<c>Net.Description</c>); model files,
/// PyTorch and ONNX interop and summaries read it instead of reflecting over the class.
/// </summary>
public sealed class NetworkDescription
{
    /// <summary>Describes a network; generated code calls this.</summary>
    public NetworkDescription(string name, Precision precision, int inputSize, IReadOnlyList<LayerDescription> layers, LossFunction? loss)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A network has at least one layer.", nameof(layers));
        }

        Name = name;
        Precision = precision;
        InputSize = inputSize;
        Layers = layers;
        Loss = loss;
        ParameterCount = layers.Sum(layer => layer.Tensors.Sum(tensor => tensor.Length));
        Signature = string.Create(
            CultureInfo.InvariantCulture,
            $"Input({inputSize})|{string.Join("|", layers.Select(layer => $"{layer.Kind}({layer.InputSize}->{layer.OutputSize})"))}");
    }

    /// <summary>The network class's name.</summary>
    public string Name { get; }

    /// <summary>The element type of parameters, inputs and outputs.</summary>
    public Precision Precision { get; }

    /// <summary>The input length.</summary>
    public int InputSize { get; }

    /// <summary>The output length.</summary>
    public int OutputSize => Layers[^1].OutputSize;

    /// <summary>The number of parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>The layers, input to output.</summary>
    public IReadOnlyList<LayerDescription> Layers { get; }

    /// <summary>The declared loss, or <see langword="null"/> for an inference-only network.</summary>
    public LossFunction? Loss { get; }

    /// <summary>
    /// The layer kinds and shapes, e.g. <c>Input(2)|Dense(2->16)|Dense(16->1)</c>: two networks with equal
    /// signatures can exchange parameters. Activations are not part of it; they hold no parameters.
    /// </summary>
    public string Signature { get; }
}

/// <summary>One layer of a <see cref="NetworkDescription"/>.</summary>
/// <param name="Name">The layer's name (<c>Layer1</c>, or as declared).</param>
/// <param name="Kind">The layer kind (<c>Dense</c>).</param>
/// <param name="InputSize">The input length.</param>
/// <param name="OutputSize">The output length.</param>
/// <param name="Activation">The activation.</param>
/// <param name="NegativeSlope">LeakyReLU's slope (0 for other activations).</param>
/// <param name="DropoutRate">The probability that training drops each output (0: no dropout).</param>
/// <param name="Tensors">The layer's parameter tensors, in storage order.</param>
public sealed record LayerDescription(
    string Name,
    string Kind,
    int InputSize,
    int OutputSize,
    Activation Activation,
    double NegativeSlope,
    double DropoutRate,
    IReadOnlyList<TensorDescription> Tensors);

/// <summary>One parameter tensor of a layer.</summary>
/// <param name="Name">Its name within the layer (<c>Weights</c>, <c>Bias</c>).</param>
/// <param name="Offset">Where it starts in the parameter span.</param>
/// <param name="Length">Its number of elements.</param>
/// <param name="Shape">
/// Its shape as stored, row-major. Dense weights are input-major, <c>[in, out]</c>: the transpose of PyTorch's
/// <c>nn.Linear.weight</c> (<c>[out, in]</c>), so interop transposes them.
/// </param>
public sealed record TensorDescription(string Name, int Offset, int Length, IReadOnlyList<int> Shape);
