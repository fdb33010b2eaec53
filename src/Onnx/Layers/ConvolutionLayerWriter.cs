using System.Collections.Generic;
using System.Linq;

namespace GenNN.Onnx.Layers;

/// <summary>
/// A 1-D or 2-D convolution. Weights and bias are already in ONNX's (PyTorch's) layout,
/// <c>[filters, in_channels / groups, kernel...]</c> and <c>[filters]</c>.
/// <list type="bullet">
/// <item>Float networks: one <c>Conv</c>.</item>
/// <item>Double networks: ONNX Runtime has no double <c>Conv</c> kernel, and computing in float would cost a double
/// network its precision, so the convolution is written as the matrix product generated code computes too (im2col):
/// the windows gathered into columns (<see cref="SlidingWindow.GatherColumns"/>) arranged as
/// <c>[groups, (C/groups)·taps, N·positions]</c>, one <c>MatMul</c> per group with the weights viewed as
/// <c>[groups, filters/groups, (C/groups)·taps]</c>, the result brought back to <c>[N, filters, ...]</c>, and the bias
/// added. Exact to rounding.</item>
/// </list>
/// </summary>
internal sealed class ConvolutionLayerWriter : IOnnxLayerWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Kinds { get; } = new[] { "Conv1D", "Conv2D" };

    /// <inheritdoc/>
    public string Write(OnnxGraphBuilder graph, LayerDescription layer, string input)
    {
        SlidingWindow window = SlidingWindow.OfConvolution(layer);
        int groups = LayerParts.IntegerSetting(layer, "Groups");
        return graph.Precision == Precision.Double
            ? WriteAsMatMul(graph, layer, input, window, groups)
            : graph.Node(
                layer.Name + ".Conv",
                "Conv",
                [input, graph.Parameter(layer, "Weights"), graph.Parameter(layer, "Bias")],
                [.. window.Attributes(), OnnxAttributes.Int("group", groups)]);
    }

    private static string WriteAsMatMul(OnnxGraphBuilder graph, LayerDescription layer, string input, SlidingWindow window, int groups)
    {
        int channels = layer.InputShape[0];
        int filters = layer.OutputShape[0];
        int groupColumns = channels / groups * window.Taps;
        int positions = NetworkDescription.Product(layer.OutputShape) / filters;

        // [N, C, taps, positions] → [groups, (C/groups)·taps, N·positions]: channel c of group g is row g·(C/groups) + c,
        // and every sample's positions sit side by side, so each group is one matrix product over the whole batch. The
        // batch is moved rather than broadcast: ONNX Runtime's MatMul cannot broadcast against an empty batch.
        string columns = window.GatherColumns(graph, layer, input);
        string groupedShape = graph.Int64s(layer.Name + ".GroupedColumnsShape", [0, groups, groupColumns, positions]);
        columns = graph.Node(layer.Name + ".GroupedColumns", "Reshape", [columns, groupedShape]);
        columns = graph.Node(layer.Name + ".BatchInColumns", "Transpose", [columns], OnnxAttributes.Ints("perm", [1, 2, 0, 3]));
        columns = graph.Node(layer.Name + ".Columns", "Reshape", [columns, graph.Int64s(layer.Name + ".ColumnsShape", [groups, groupColumns, -1])]);
        string weights = graph.Parameter(layer, "Weights", [groups, filters / groups, groupColumns]);
        string product = graph.Node(layer.Name + ".MatMul", "MatMul", [weights, columns]);

        // [groups, filters/groups, N·positions] → [N, filters, ...output extents].
        string productShape = graph.Int64s(layer.Name + ".BatchInProductShape", [groups, filters / groups, -1, positions]);
        product = graph.Node(layer.Name + ".BatchInProduct", "Reshape", [product, productShape]);
        product = graph.Node(layer.Name + ".BatchFirst", "Transpose", [product], OnnxAttributes.Ints("perm", [2, 0, 1, 3]));
        string shaped = graph.Node(
            layer.Name + ".Unflattened",
            "Reshape",
            [product, graph.Int64s(layer.Name + ".OutputShape", [0, .. layer.OutputShape.Select(extent => (long)extent)])]);
        string bias = graph.Parameter(layer, "Bias", [filters, .. Enumerable.Repeat(1, window.Dimensions)]);
        return graph.Node(layer.Name + ".AddBias", "Add", [shaped, bias]);
    }
}
