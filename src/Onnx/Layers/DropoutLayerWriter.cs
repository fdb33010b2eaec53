using System.Collections.Generic;

namespace GenNN.Onnx.Layers;

/// <summary>Dropout, active only in training: the model is for inference, where it passes values through, so it writes nothing.</summary>
internal sealed class DropoutLayerWriter : IOnnxLayerWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Kinds { get; } = new[] { "Dropout" };

    /// <inheritdoc/>
    public string Write(OnnxGraphBuilder graph, LayerDescription layer, string input) => input;
}
