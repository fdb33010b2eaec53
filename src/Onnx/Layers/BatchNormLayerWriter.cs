using System.Collections.Generic;

namespace GenNN.Onnx.Layers;

/// <summary>
/// Batch normalization in inference mode, as one <c>BatchNormalization</c>: <c>y = γ·(x − μ)/√(σ² + ε) + β</c> over
/// the channels (dimension 1 of <c>[N, C]</c>, <c>[N, C, L]</c> or <c>[N, C, H, W]</c>) with the running mean and
/// variance from the network's buffers. <c>NumBatchesTracked</c> and the momentum matter to training only and are
/// left out.
/// </summary>
/// <remarks>
/// ONNX's <c>epsilon</c> is a float attribute. A float network's ε is the same float, but rounding a double network's
/// would move its outputs by up to a relative <c>3e-8·ε/(σ² + ε)</c> (2.4e-11 for ε = 1e-3 and a unit variance). So a double network's
/// ε is added to the running variance in double, the sum generated code takes the square root of, and the initializer
/// holding it is named <c>RunningVariancePlusEpsilon</c>, with <c>epsilon</c> 0.
/// </remarks>
internal sealed class BatchNormLayerWriter : IOnnxLayerWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Kinds { get; } = new[] { "BatchNorm" };

    /// <inheritdoc/>
    public string Write(OnnxGraphBuilder graph, LayerDescription layer, string input)
    {
        double epsilon = LayerParts.Setting(layer, "Epsilon");
        (string variance, double attributeEpsilon) = graph.Precision == Precision.Double
            ? (graph.BufferPlus(layer, "RunningVariance", epsilon, "RunningVariancePlusEpsilon"), 0)
            : (graph.Buffer(layer, "RunningVariance"), epsilon);
        return graph.Node(
            layer.Name + ".BatchNormalization",
            "BatchNormalization",
            [input, graph.Parameter(layer, "Weight"), graph.Parameter(layer, "Bias"), graph.Buffer(layer, "RunningMean"), variance],
            OnnxAttributes.Float("epsilon", attributeEpsilon));
    }
}
