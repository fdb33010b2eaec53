using System.Collections.Generic;

namespace GenNN.Onnx.Layers;

/// <summary>
/// A recurrent layer as ONNX's <c>RNN</c>, <c>LSTM</c> or <c>GRU</c> operator. ONNX Runtime runs only the operators'
/// time-major layout (<c>layout = 0</c>: <c>[T, N, F]</c> in, <c>Y [T, dirs, N, H]</c> out), so GenNN's batch-first
/// <c>[N, T, F]</c> is transposed in and out. ONNX wants each direction's weights output-major (<c>W [dirs, G·H, F]</c>,
/// <c>R [dirs, G·H, H]</c>, the transpose of GenNN's input-major storage), the biases as one <c>[dirs, 2·G·H]</c>
/// (input ‖ hidden), and its own gate order: LSTM <c>i, o, f, c</c> where PyTorch and GenNN have <c>i, f, g, o</c>;
/// GRU <c>z, r, h</c> where they have <c>r, z, n</c>, with <c>linear_before_reset = 1</c>, which is PyTorch's
/// <c>b_hn</c> inside the reset product. The weights are written rearranged. The output, brought to
/// <c>[N, T, dirs, H]</c>, is every step's states side by side (reshaped to <c>[N, T, dirs·H]</c>), or, without <c>ReturnSequences</c>, the
/// forward direction's last step beside the backward direction's first, gathered from it. ONNX Runtime's RNN, LSTM and
/// GRU kernels are float only, so a double network's recurrent layer runs in float there: its input and output pass
/// through <c>Cast</c> and its weights are rounded, as GELU's erf is (<see cref="OnnxActivations"/>); its outputs then
/// agree with GenNN's to about float's precision instead of double's.
/// </summary>
internal sealed class RecurrentLayerWriter : IOnnxLayerWriter
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Kinds { get; } = new[] { "SimpleRnn", "Lstm", "Gru" };

    /// <inheritdoc/>
    public string Write(OnnxGraphBuilder graph, LayerDescription layer, string input)
    {
        int steps = layer.InputShape[0];
        int features = layer.InputShape[1];
        int units = LayerParts.IntegerSetting(layer, "Units");
        bool bidirectional = LayerParts.IntegerSetting(layer, "Bidirectional") != 0;
        int directions = bidirectional ? 2 : 1;
        (string operatorType, int[] torchGateOf) = layer.Kind switch
        {
            "Lstm" => ("LSTM", new[] { 0, 3, 1, 2 }),
            "Gru" => ("GRU", new[] { 1, 0, 2 }),
            _ => ("RNN", new[] { 0 }),
        };
        int gateUnits = torchGateOf.Length * units;

        var w = new double[directions * gateUnits * features];
        var r = new double[directions * gateUnits * units];
        var b = new double[directions * 2 * gateUnits];
        for (int direction = 0; direction < directions; direction++)
        {
            string suffix = direction == 0 ? string.Empty : "Reverse";
            double[] weightIh = graph.ParameterValues(layer, "WeightIh" + suffix);
            double[] weightHh = graph.ParameterValues(layer, "WeightHh" + suffix);
            double[] biasIh = graph.ParameterValues(layer, "BiasIh" + suffix);
            double[] biasHh = graph.ParameterValues(layer, "BiasHh" + suffix);
            for (int gate = 0; gate < torchGateOf.Length; gate++)
            {
                for (int unit = 0; unit < units; unit++)
                {
                    int row = (gate * units) + unit;
                    int stored = (torchGateOf[gate] * units) + unit;
                    for (int f = 0; f < features; f++)
                    {
                        w[(((direction * gateUnits) + row) * features) + f] = weightIh[(f * gateUnits) + stored];
                    }

                    for (int h = 0; h < units; h++)
                    {
                        r[(((direction * gateUnits) + row) * units) + h] = weightHh[(h * gateUnits) + stored];
                    }

                    b[(direction * 2 * gateUnits) + row] = biasIh[stored];
                    b[(direction * 2 * gateUnits) + gateUnits + row] = biasHh[stored];
                }
            }
        }

        bool inFloat = graph.Precision == Precision.Double;
        string Weights(string name, int[] shape, double[] values)
            => inFloat ? graph.FloatValues(name, shape, values) : graph.Values(name, shape, values);

        var attributes = new List<ProtobufWriter>
        {
            OnnxAttributes.Int("hidden_size", units),
            OnnxAttributes.String("direction", bidirectional ? "bidirectional" : "forward"),
        };
        if (layer.Kind == "Gru")
        {
            attributes.Add(OnnxAttributes.Int("linear_before_reset", 1));
        }
        else if (layer.Kind == "SimpleRnn")
        {
            string activation = LayerParts.IntegerSetting(layer, "Nonlinearity") != 0 ? "Relu" : "Tanh";
            attributes.Add(OnnxAttributes.Strings("activations", bidirectional ? new[] { activation, activation } : new[] { activation }));
        }

        string cellInput = inFloat ? graph.Node(layer.Name + ".InputFloat", "Cast", [input], OnnxAttributes.Int("to", OnnxSchema.Tensor.DataTypeFloat)) : input;
        string timeMajor = graph.Node(layer.Name + ".TimeMajor", "Transpose", [cellInput], OnnxAttributes.Ints("perm", [1, 0, 2]));
        string states = graph.Node(
            layer.Name + "." + operatorType,
            operatorType,
            [
                timeMajor,
                Weights(layer.Name + ".W", [directions, gateUnits, features], w),
                Weights(layer.Name + ".R", [directions, gateUnits, units], r),
                Weights(layer.Name + ".B", [directions, 2 * gateUnits], b),
            ],
            [.. attributes]);
        string sequence = graph.Node(layer.Name + ".BatchFirst", "Transpose", [states], OnnxAttributes.Ints("perm", [2, 0, 1, 3]));
        string output = Output(graph, layer, sequence, steps, units, directions);
        return inFloat ? graph.Node(layer.Name + ".OutputDouble", "Cast", [output], OnnxAttributes.Int("to", OnnxSchema.Tensor.DataTypeDouble)) : output;
    }

    /// <summary>From <c>Y [N, T, dirs, H]</c>: every step's states, or the last ones.</summary>
    private static string Output(OnnxGraphBuilder graph, LayerDescription layer, string sequence, int steps, int units, int directions)
    {
        if (LayerParts.IntegerSetting(layer, "ReturnSequences") != 0)
        {
            return graph.Node(layer.Name + ".Sequence", "Reshape", [sequence, graph.Int64s(layer.Name + ".SequenceShape", [0, steps, directions * units])]);
        }

        // The forward direction's state after the last step, the backward direction's after step 0.
        string last = Step(graph, layer, sequence, steps - 1, direction: 0, "ForwardLast");
        if (directions == 1)
        {
            return last;
        }

        string first = Step(graph, layer, sequence, 0, direction: 1, "BackwardLast");
        return graph.Node(layer.Name + ".LastStates", "Concat", [last, first], OnnxAttributes.Int("axis", 1));
    }

    /// <summary>Gathers <c>Y[:, step, direction, :]</c> as <c>[N, H]</c>.</summary>
    private static string Step(OnnxGraphBuilder graph, LayerDescription layer, string sequence, int step, int direction, string name)
    {
        string atStep = graph.Node(layer.Name + "." + name + "Step", "Gather", [sequence, graph.Int64s(layer.Name + "." + name + "StepIndex", [], [step])], OnnxAttributes.Int("axis", 1));
        return graph.Node(layer.Name + "." + name, "Gather", [atStep, graph.Int64s(layer.Name + "." + name + "Direction", [], [direction])], OnnxAttributes.Int("axis", 1));
    }
}
