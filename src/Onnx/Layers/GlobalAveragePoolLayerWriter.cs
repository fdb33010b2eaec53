using System.Collections.Generic;
using System.Linq;

namespace GenNN.Onnx.Layers;

/// <summary>
/// The mean of each channel over all its positions, <c>[N, C, ...]</c> to <c>[N, C]</c>: one <c>ReduceMean</c> over
/// the spatial axes, which drops them as GenNN does. (<c>GlobalAveragePool</c> would keep them as ones and need a
/// <c>Flatten</c>, and ONNX Runtime has no double kernel for it.)
/// </summary>
internal sealed class GlobalAveragePoolLayerWriter : IOnnxLayerWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Kinds { get; } = new[] { "GlobalAveragePool" };

    /// <inheritdoc/>
    public string Write(OnnxGraphBuilder graph, LayerDescription layer, string input)
        => graph.Node(
            layer.Name + ".ChannelMeans",
            "ReduceMean",
            [input],
            OnnxAttributes.Ints("axes", Enumerable.Range(2, layer.InputShape.Count - 1).Select(axis => (long)axis)),
            OnnxAttributes.Int("keepdims", 0));
}
