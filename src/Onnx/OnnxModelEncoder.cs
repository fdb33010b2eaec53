using System;
using System.Linq;
using System.Numerics;
using GenNN.Onnx.Layers;
using GenNN.Serialization;

namespace GenNN.Onnx;

/// <summary>
/// Turns a <see cref="NetworkDescription"/> with its parameter and buffer values into an ONNX <c>ModelProto</c>. The
/// graph reshapes the flat input <c>[N, InputSize]</c> to <c>[N, ...InputShape]</c> (channels first, as GenNN reads
/// it), then per layer writes the nodes of its kind (<see cref="OnnxLayerWriters"/>) followed by its activation
/// (<see cref="OnnxActivations"/>), and ends flat again, <c>[N, OutputSize]</c>. Parameters and buffers become
/// initializers holding the values as stored.
/// </summary>
internal static class OnnxModelEncoder
{
    /// <summary>IR version 8, which ONNX 1.12 paired with opset 17: the oldest a model importing opset 17 may declare, so the most tools read it.</summary>
    private const long IrVersion = 8;

    public static ProtobufWriter Encode<T>(NetworkDescription description, ReadOnlySpan<T> parameters, ReadOnlySpan<T> buffers)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (LittleEndianElements.PrecisionOf<T>() != description.Precision)
        {
            throw new ArgumentException($"Network '{description.Name}' computes in {description.Precision} precision, not {typeof(T).Name}.", nameof(description));
        }

        if (parameters.Length != description.ParameterCount)
        {
            throw new ArgumentException(
                $"Network '{description.Name}' has {description.ParameterCount} parameters, but {parameters.Length} were given.", nameof(parameters));
        }

        if (buffers.Length != description.BufferCount)
        {
            throw new ArgumentException($"Network '{description.Name}' has {description.BufferCount} buffer values, but {buffers.Length} were given.", nameof(buffers));
        }

        var graph = new OnnxGraphBuilder(description.Precision, Bytes(parameters), Bytes(buffers));
        string current = OnnxExporter.InputName;
        if (description.InputShape.Count > 1)
        {
            // 0 copies the batch dimension from the input.
            long[] shape = [0, .. description.InputShape.Select(dimension => (long)dimension)];
            current = graph.Node("inputShaped", "Reshape", [current, graph.Int64s("inputShape", shape)]);
        }

        for (int index = 0; index < description.Layers.Count; index++)
        {
            LayerDescription layer = description.Layers[index];
            current = OnnxLayerWriters.For(layer).Write(graph, layer, current);
            if (index == description.Layers.Count - 1 && layer.OutputShape.Count > 1)
            {
                // Before the activation: the output head applies softmax across the whole flat output, not one axis.
                current = graph.Node(layer.Name + ".Output", "Flatten", [current], OnnxAttributes.Int("axis", 1));
            }

            current = OnnxActivations.Write(graph, layer, current);
        }

        var operatorSet = new ProtobufWriter();
        operatorSet.WriteString(OnnxSchema.OperatorSetId.Domain, string.Empty);
        operatorSet.WriteInt64(OnnxSchema.OperatorSetId.Version, OnnxExporter.OperatorSetVersion);

        var model = new ProtobufWriter();
        model.WriteInt64(OnnxSchema.Model.IrVersion, IrVersion);
        model.WriteString(OnnxSchema.Model.ProducerName, OnnxExporter.ProducerName);
        model.WriteString(OnnxSchema.Model.ProducerVersion, ProducerVersion());
        model.WriteString(OnnxSchema.Model.DocString, $"GenNN network {description.Name}: {description.Signature}");
        model.WriteMessage(OnnxSchema.Model.Graph, graph.Write(description.Name, current, description.InputSize, description.OutputSize));
        model.WriteMessage(OnnxSchema.Model.OpsetImport, operatorSet);
        return model;
    }

    private static byte[] Bytes<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var bytes = new byte[values.Length * LittleEndianElements.SizeOf(LittleEndianElements.PrecisionOf<T>())];
        LittleEndianElements.Write(values, bytes);
        return bytes;
    }

    private static string ProducerVersion()
        => typeof(OnnxModelEncoder).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
