using System.Collections.Generic;

namespace GenNN.Onnx.Layers;

/// <summary>
/// An activation layer computes nothing but its <see cref="LayerDescription.Activation"/>, which the encoder applies
/// after every layer (<see cref="OnnxActivations"/>), so it writes nothing of its own.
/// </summary>
internal sealed class ActivationLayerWriter : IOnnxLayerWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Kinds { get; } = new[] { "Activation" };

    /// <inheritdoc/>
    public string Write(OnnxGraphBuilder graph, LayerDescription layer, string input) => input;
}
