using System;
using System.Collections.Generic;

namespace GenNN.Onnx.Layers;

/// <summary>
/// A dense layer as one <c>Gemm</c>: <c>z = x·W + b</c> for the <c>[in, out]</c> weights generated code stores, or
/// <c>x·Wᵀ + b</c> (<c>transB</c>) for <c>[out, in]</c> ones. The weights become an initializer as stored, so no
/// matrix is copied into another layout.
/// </summary>
internal sealed class DenseLayerWriter : IOnnxLayerWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Kinds { get; } = new[] { "Dense" };

    /// <inheritdoc/>
    public string Write(OnnxGraphBuilder graph, LayerDescription layer, string input)
    {
        TensorDescription weights = LayerParts.Tensor(layer, "Weights");
        TensorDescription bias = LayerParts.Tensor(layer, "Bias");
        if (bias.Shape.Count != 1 || bias.Shape[0] != layer.OutputSize)
        {
            throw new NotSupportedException($"Layer '{layer.Name}' has {layer.OutputSize} outputs, but its bias has shape [{string.Join(", ", bias.Shape)}].");
        }

        ProtobufWriter[] attributes = DenseWeightLayouts.Of(layer, weights) == DenseWeightLayout.OutputMajor
            ? new[] { OnnxAttributes.Int("transB", 1) }
            : Array.Empty<ProtobufWriter>();
        return graph.Node(layer.Name + ".Gemm", "Gemm", [input, graph.Parameter(layer, weights.Name), graph.Parameter(layer, bias.Name)], attributes);
    }
}
