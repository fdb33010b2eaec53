using System;

namespace GenNN.Onnx;

/// <summary>
/// Writes the nodes of a layer's activation (<see cref="LayerDescription.Activation"/>) with GenNN's formulas, which
/// are PyTorch's (<c>GenNN.Kernels.ActivationMath</c>). Activations opset 17 has no operator for (GELU, GELUTanh, SiLU)
/// are composed from elementwise operators, in the order generated code evaluates them where that order decides the
/// rounding. A double network needs two more kinds of care: ONNX attributes are floats, so its LeakyReLU slope and
/// ELU alpha go into tensors of its precision; and ONNX Runtime has no double <c>Elu</c>, <c>Softplus</c> or
/// <c>Erf</c> kernels, so ELU and Softplus are composed from operators that have them, and erf alone runs in float
/// (see <see cref="Gelu"/>).
/// </summary>
internal static class OnnxActivations
{
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double Sqrt2OverPi = 0.79788456080286535588;
    private const double GeluTanhCubic = 0.044715;

    // PyTorch's Softplus (beta 1) returns z itself above this threshold; ONNX's Softplus has none.
    private const double SoftplusThreshold = 20;

    /// <summary>
    /// Applies <paramref name="layer"/>'s activation to the value <paramref name="input"/>, elementwise or, for softmax,
    /// over the last axis; returns the activated value's name (<paramref name="input"/> itself for Identity).
    /// </summary>
    /// <exception cref="NotSupportedException">The activation is not one GenNN defines.</exception>
    public static string Write(OnnxGraphBuilder graph, LayerDescription layer, string input)
    {
        string name = layer.Name + "." + layer.Activation;
        return layer.Activation switch
        {
            Activation.Identity => input,
            Activation.ReLU => graph.Node(name, "Relu", [input]),
            Activation.Sigmoid => graph.Node(name, "Sigmoid", [input]),
            Activation.Tanh => graph.Node(name, "Tanh", [input]),
            Activation.Softmax => graph.Node(name, "Softmax", [input], OnnxAttributes.Int("axis", -1)),
            Activation.LeakyReLU => LeakyReLU(graph, layer, name, input),
            Activation.ELU => Elu(graph, layer, name, input),
            Activation.GELU => Gelu(graph, name, input),
            Activation.GELUTanh => GeluTanh(graph, name, input),
            Activation.SiLU => graph.Node(name, "Mul", [input, graph.Node(name + ".Sigmoid", "Sigmoid", [input])]),
            Activation.Softplus => Softplus(graph, name, input),
            _ => throw new NotSupportedException($"Layer '{layer.Name}' has activation {layer.Activation}, which the ONNX export does not know."),
        };
    }

    private static string LeakyReLU(OnnxGraphBuilder graph, LayerDescription layer, string name, string input)
    {
        // Exact for float networks, which multiply by the slope rounded to float, as the attribute holds it; a double
        // network's slope keeps its precision in PRelu's slope tensor.
        return graph.Precision == Precision.Single
            ? graph.Node(name, "LeakyRelu", [input], OnnxAttributes.Float("alpha", layer.NegativeSlope))
            : graph.Node(name, "PRelu", [input, graph.Scalar(name + ".NegativeSlope", layer.NegativeSlope)]);
    }

    /// <summary><c>z</c> for <c>z &gt; 0</c>, else <c>alpha·(e^z − 1)</c>.</summary>
    private static string Elu(OnnxGraphBuilder graph, LayerDescription layer, string name, string input)
    {
        double alpha = LayerParts.Setting(layer, "Alpha");
        if (graph.Precision == Precision.Single)
        {
            return graph.Node(name, "Elu", [input], OnnxAttributes.Float("alpha", alpha));
        }

        // Elu's alpha is a float attribute, and ONNX Runtime has no double Elu: composed, with alpha in double. The
        // branch not taken may overflow to infinity, never to NaN, and Where discards it.
        string exponential = graph.Node(name + ".Exp", "Exp", [input]);
        string expMinusOne = graph.Node(name + ".ExpMinusOne", "Sub", [exponential, graph.Scalar(name + ".One", 1)]);
        string negativePart = graph.Node(name + ".Negative", "Mul", [graph.Scalar(name + ".Alpha", alpha), expMinusOne]);
        string positive = graph.Node(name + ".IsPositive", "Greater", [input, graph.Scalar(name + ".Zero", 0)]);
        return graph.Node(name, "Where", [positive, input, negativePart]);
    }

    /// <summary>
    /// Exact GELU, <c>z·0.5·(1 + erf(z·(1/√2)))</c>: opset 17 has no Gelu (opset 20 added it). ONNX Runtime has no
    /// double <c>Erf</c> kernel, and a double-accurate erf composed from other operators takes a series of a hundred
    /// terms or piecewise rational approximations, too much for one activation; so a double network computes erf alone
    /// in float (<c>Cast</c>, <c>Erf</c>, <c>Cast</c>), the one place its export is not double-accurate. GELU then
    /// agrees with generated code to about 2e-8 relative, and within 1e-7 absolute where erf rounds to ±1 in float
    /// but not in double.
    /// </summary>
    private static string Gelu(OnnxGraphBuilder graph, string name, string input)
    {
        string scaled = graph.Node(name + ".Scaled", "Mul", [input, graph.Scalar(name + ".InverseSqrt2", InverseSqrt2)]);
        string erf;
        if (graph.Precision == Precision.Double)
        {
            string scaledFloat = graph.Node(name + ".ScaledFloat", "Cast", [scaled], OnnxAttributes.Int("to", OnnxSchema.Tensor.DataTypeFloat));
            string erfFloat = graph.Node(name + ".Erf", "Erf", [scaledFloat]);
            erf = graph.Node(name + ".ErfDouble", "Cast", [erfFloat], OnnxAttributes.Int("to", OnnxSchema.Tensor.DataTypeDouble));
        }
        else
        {
            erf = graph.Node(name + ".Erf", "Erf", [scaled]);
        }

        string onePlusErf = graph.Node(name + ".OnePlusErf", "Add", [graph.Scalar(name + ".One", 1), erf]);
        string half = graph.Node(name + ".Half", "Mul", [input, graph.Scalar(name + ".OneHalf", 0.5)]);
        return graph.Node(name, "Mul", [half, onePlusErf]);
    }

    /// <summary>
    /// GELU's tanh approximation, <c>(0.5·z)·(1 + tanh(√(2/π)·(z + 0.044715·z·z·z)))</c>. The cube is two
    /// multiplications in the order GenNN's kernel takes them, rather than a <c>Pow</c> that rounds otherwise; the
    /// kernel then computes the equal <c>z·σ(2u)</c>, which avoids <c>1 + tanh</c>'s cancellation near −1.
    /// </summary>
    private static string GeluTanh(OnnxGraphBuilder graph, string name, string input)
    {
        string cubic = graph.Node(name + ".Cubic", "Mul", [graph.Scalar(name + ".CubicCoefficient", GeluTanhCubic), input]);
        cubic = graph.Node(name + ".CubicTimesZ", "Mul", [cubic, input]);
        cubic = graph.Node(name + ".CubicTimesZ2", "Mul", [cubic, input]);
        string sum = graph.Node(name + ".Sum", "Add", [input, cubic]);
        string inner = graph.Node(name + ".Inner", "Mul", [graph.Scalar(name + ".Sqrt2OverPi", Sqrt2OverPi), sum]);
        string tanh = graph.Node(name + ".Tanh", "Tanh", [inner]);
        string onePlusTanh = graph.Node(name + ".OnePlusTanh", "Add", [graph.Scalar(name + ".One", 1), tanh]);
        string half = graph.Node(name + ".Half", "Mul", [graph.Scalar(name + ".OneHalf", 0.5), input]);
        return graph.Node(name, "Mul", [half, onePlusTanh]);
    }

    /// <summary>
    /// PyTorch's Softplus, <c>z</c> above 20 and <c>ln(1 + e^z)</c> below. ONNX's Softplus has no threshold; above
    /// 20 it adds <c>ln(1 + e^−z) &lt; 2.1e-9</c>, less than half a float's step at 20 but a relative 1e-10 in double,
    /// so the threshold is kept with <c>Where</c>. ONNX Runtime has no double <c>Softplus</c> kernel: a double network
    /// composes <c>ln(1 + e^z)</c> from <c>Exp</c> and <c>Log</c> as generated code does, accurate for very negative
    /// <c>z</c> too.
    /// </summary>
    private static string Softplus(OnnxGraphBuilder graph, string name, string input)
    {
        string softplus = graph.Precision == Precision.Double
            ? LogOnePlus(graph, name, graph.Node(name + ".Exp", "Exp", [input]))
            : graph.Node(name + ".Unthresholded", "Softplus", [input]);
        string threshold = graph.Scalar(name + ".Threshold", SoftplusThreshold);
        string above = graph.Node(name + ".AboveThreshold", "Greater", [input, threshold]);
        return graph.Node(name, "Where", [above, input, softplus]);
    }

    /// <summary>
    /// <c>ln(1 + x)</c>, accurate for small <c>x</c> (ONNX has no log1p): with <c>u = 1 + x</c> rounded,
    /// <c>ln(u)·x/(u − 1)</c>, or <c>x</c> itself when <c>u</c> rounds to 1, where the quotient is 0/0 and <c>Where</c>
    /// discards it.
    /// </summary>
    private static string LogOnePlus(OnnxGraphBuilder graph, string name, string x)
    {
        string one = graph.Scalar(name + ".One", 1);
        string u = graph.Node(name + ".OnePlusExp", "Add", [one, x]);
        string logTimesX = graph.Node(name + ".LogTimesExp", "Mul", [graph.Node(name + ".Log", "Log", [u]), x]);
        string uMinusOne = graph.Node(name + ".OnePlusExpMinusOne", "Sub", [u, one]);
        string quotient = graph.Node(name + ".LogOnePlusExp", "Div", [logTimesX, uMinusOne]);
        string rounded = graph.Node(name + ".RoundsToOne", "Equal", [u, one]);
        return graph.Node(name + ".Unthresholded", "Where", [rounded, x, quotient]);
    }
}
