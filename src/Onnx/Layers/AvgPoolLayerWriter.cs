using System.Collections.Generic;
using System.Linq;

namespace GenNN.Onnx.Layers;

/// <summary>
/// Average pooling, padding counted as zeros in every window's mean (PyTorch's <c>count_include_pad=True</c>, GenNN's
/// only mode).
/// <list type="bullet">
/// <item>Float networks: one <c>AveragePool</c> with <c>count_include_pad = 1</c> (ONNX's default leaves padding out).</item>
/// <item>Double networks: ONNX Runtime has no double <c>AveragePool</c> kernel, so the windows are gathered into columns
/// (<see cref="SlidingWindow.GatherColumns"/>, zero padding included) and averaged by <c>ReduceMean</c>.</item>
/// </list>
/// </summary>
internal sealed class AvgPoolLayerWriter : IOnnxLayerWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Kinds { get; } = new[] { "AvgPool1D", "AvgPool2D" };

    /// <inheritdoc/>
    public string Write(OnnxGraphBuilder graph, LayerDescription layer, string input)
    {
        SlidingWindow window = SlidingWindow.OfPool(layer);
        if (graph.Precision != Precision.Double)
        {
            ProtobufWriter[] attributes = [.. window.Attributes(), OnnxAttributes.Int("count_include_pad", 1)];
            return graph.Node(layer.Name + ".AveragePool", "AveragePool", [input], attributes);
        }

        string means = graph.Node(
            layer.Name + ".WindowMeans",
            "ReduceMean",
            [window.GatherColumns(graph, layer, input)],
            OnnxAttributes.Ints("axes", [2]),
            OnnxAttributes.Int("keepdims", 0));
        return graph.Node(
            layer.Name + ".Unflattened",
            "Reshape",
            [means, graph.Int64s(layer.Name + ".OutputShape", [0, .. layer.OutputShape.Select(extent => (long)extent)])]);
    }
}
