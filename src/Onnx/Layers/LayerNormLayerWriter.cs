using System.Collections.Generic;
using System.Linq;

namespace GenNN.Onnx.Layers;

/// <summary>
/// Layer normalization over the trailing <c>NormalizedDimensions</c> dimensions (counted from the end, so the batch
/// dimension never enters): <c>y = (x − μ)·(1/√(σ² + ε))·γ + β</c>, σ² the biased variance.
/// <list type="bullet">
/// <item>Float networks: one <c>LayerNormalization</c> (opset 17). Without an elementwise affine transform, a scale of
/// ones and a bias of zeros stand in for the missing <c>Weight</c> and <c>Bias</c>: the operator requires a scale.
/// ONNX Runtime computes the variance in one pass, <c>E[x²] − μ²</c>, which loses float precision when a run's mean is
/// large next to its spread (a relative 4e-4 for values 100 ± 0.1), where generated code's two passes do not.</item>
/// <item>Double networks: composed from <c>ReduceMean</c> and elementwise operators in generated code's order (two
/// passes: the variance is the mean of squared deviations), because <c>LayerNormalization</c>'s <c>epsilon</c> is a
/// float attribute, and rounding ε to float would move a double network's outputs by up to a relative
/// <c>3e-8·ε/(σ² + ε)</c> (2.4e-11 for ε = 1e-3 and a unit variance).</item>
/// </list>
/// </summary>
internal sealed class LayerNormLayerWriter : IOnnxLayerWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Kinds { get; } = new[] { "LayerNorm" };

    /// <inheritdoc/>
    public string Write(OnnxGraphBuilder graph, LayerDescription layer, string input)
    {
        int normalized = LayerParts.IntegerSetting(layer, "NormalizedDimensions");
        bool affine = LayerParts.IntegerSetting(layer, "ElementwiseAffine") != 0;
        double epsilon = LayerParts.Setting(layer, "Epsilon");
        return graph.Precision == Precision.Double
            ? WriteComposed(graph, layer, input, normalized, affine, epsilon)
            : WriteLayerNormalization(graph, layer, input, normalized, affine, epsilon);
    }

    private static string WriteLayerNormalization(
        OnnxGraphBuilder graph, LayerDescription layer, string input, int normalized, bool affine, double epsilon)
    {
        string scale, bias;
        if (affine)
        {
            scale = graph.Parameter(layer, "Weight");
            bias = graph.Parameter(layer, "Bias");
        }
        else
        {
            int[] normalizedShape = layer.InputShape.Skip(layer.InputShape.Count - normalized).ToArray();
            scale = graph.Filled(layer.Name + ".Ones", normalizedShape, 1);
            bias = graph.Filled(layer.Name + ".Zeros", normalizedShape, 0);
        }

        return graph.Node(
            layer.Name + ".LayerNormalization",
            "LayerNormalization",
            [input, scale, bias],
            OnnxAttributes.Int("axis", -normalized),
            OnnxAttributes.Float("epsilon", epsilon));
    }

    private static string WriteComposed(
        OnnxGraphBuilder graph, LayerDescription layer, string input, int normalized, bool affine, double epsilon)
    {
        string name = layer.Name + ".LayerNorm";
        ProtobufWriter axes = OnnxAttributes.Ints("axes", Enumerable.Range(-normalized, normalized).Select(axis => (long)axis));
        string mean = graph.Node(name + ".Mean", "ReduceMean", [input], axes);
        string deviation = graph.Node(name + ".Deviation", "Sub", [input, mean]);
        string squared = graph.Node(name + ".SquaredDeviation", "Mul", [deviation, deviation]);
        string variance = graph.Node(name + ".Variance", "ReduceMean", [squared], axes);
        string shifted = graph.Node(name + ".VariancePlusEpsilon", "Add", [variance, graph.Scalar(name + ".Epsilon", epsilon)]);
        string deviationScale = graph.Node(name + ".StandardDeviation", "Sqrt", [shifted]);
        string inverse = graph.Node(name + ".InverseStandardDeviation", "Div", [graph.Scalar(name + ".One", 1), deviationScale]);
        string normalizedValue = graph.Node(name + ".Normalized", "Mul", [deviation, inverse]);
        if (!affine)
        {
            return normalizedValue;
        }

        string scaled = graph.Node(name + ".Scaled", "Mul", [normalizedValue, graph.Parameter(layer, "Weight")]);
        return graph.Node(name + ".Shifted", "Add", [scaled, graph.Parameter(layer, "Bias")]);
    }
}
