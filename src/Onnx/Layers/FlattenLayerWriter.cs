using System.Collections.Generic;

namespace GenNN.Onnx.Layers;

/// <summary>
/// A view as one vector: <c>Flatten</c> from axis 1 (row-major, as GenNN lays samples out), or nothing when the input
/// is already a vector.
/// </summary>
internal sealed class FlattenLayerWriter : IOnnxLayerWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Kinds { get; } = new[] { "Flatten" };

    /// <inheritdoc/>
    public string Write(OnnxGraphBuilder graph, LayerDescription layer, string input)
        => layer.InputShape.Count == 1 ? input : graph.Node(layer.Name + ".Flatten", "Flatten", [input], OnnxAttributes.Int("axis", 1));
}
