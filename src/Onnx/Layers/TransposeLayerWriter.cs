using System.Collections.Generic;

namespace GenNN.Onnx.Layers;

/// <summary>The two axes of each sample swapped: <c>Transpose</c> of <c>[N, A, B]</c> with <c>perm = [0, 2, 1]</c>.</summary>
internal sealed class TransposeLayerWriter : IOnnxLayerWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Kinds { get; } = new[] { "Transpose" };

    /// <inheritdoc/>
    public string Write(OnnxGraphBuilder graph, LayerDescription layer, string input)
        => graph.Node(layer.Name + ".Transpose", "Transpose", [input], OnnxAttributes.Ints("perm", [0, 2, 1]));
}
