using System.Collections.Generic;

namespace GenNN.Onnx.Layers;

/// <summary>Max pooling as one <c>MaxPool</c>, whose padding is never a window's maximum, as in GenNN and PyTorch.</summary>
internal sealed class MaxPoolLayerWriter : IOnnxLayerWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Kinds { get; } = new[] { "MaxPool1D", "MaxPool2D" };

    /// <inheritdoc/>
    public string Write(OnnxGraphBuilder graph, LayerDescription layer, string input)
        => graph.Node(layer.Name + ".MaxPool", "MaxPool", [input], SlidingWindow.OfPool(layer).Attributes());
}
