using System;
using System.Collections.Generic;
using System.Numerics;
using GenNN.Serialization;

namespace GenNN.Onnx;

/// <summary>
/// Turns a <see cref="NetworkDescription"/> and its parameter values into an ONNX <c>ModelProto</c>: per dense
/// layer a <c>Gemm</c> node (<c>z = x·W + b</c>, or <c>x·Wᵀ + b</c> for <c>[out, in]</c> weights) followed by the
/// activation's node; weights and biases become initializers holding the values as stored, so no matrix is copied
/// into another layout. Dropout is an identity at inference and writes nothing.
/// </summary>
internal static class OnnxModelEncoder
{
    /// <summary>IR version 8, which ONNX 1.12 paired with opset 17: the oldest a model importing opset 17 may declare, so the most tools read it.</summary>
    private const long IrVersion = 8;

    private const string DenseKind = "Dense";
    private const string BatchDimension = "N";

    public static ProtobufWriter Encode<T>(NetworkDescription description, ReadOnlySpan<T> parameters)
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

        int elementType = description.Precision == Precision.Double ? OnnxSchema.Tensor.DataTypeDouble : OnnxSchema.Tensor.DataTypeFloat;
        var graph = new ProtobufWriter();
        var initializers = new List<ProtobufWriter>();
        string current = OnnxExporter.InputName;
        for (int index = 0; index < description.Layers.Count; index++)
        {
            LayerDescription layer = description.Layers[index];
            bool isLast = index == description.Layers.Count - 1;
            current = layer.Kind switch
            {
                DenseKind => WriteDenseLayer(graph, initializers, layer, current, isLast, parameters, elementType),
                "Activation" => WriteActivationLayer<T>(graph, initializers, layer, current, isLast, elementType),

                // Inference passes values through dropout; GenNN's values are already flat, so Flatten is a view.
                "Dropout" or "Flatten" => isLast ? WriteIdentity(graph, layer, current) : current,
                _ => throw new NotSupportedException($"Layer '{layer.Name}' is a {layer.Kind} layer; the ONNX export knows Dense, Activation, Dropout and Flatten layers."),
            };
        }

        graph.WriteString(OnnxSchema.Graph.Name, description.Name);
        foreach (ProtobufWriter initializer in initializers)
        {
            graph.WriteMessage(OnnxSchema.Graph.Initializer, initializer);
        }

        graph.WriteMessage(OnnxSchema.Graph.Input, BatchValueInfo(OnnxExporter.InputName, elementType, description.InputSize));
        graph.WriteMessage(OnnxSchema.Graph.Output, BatchValueInfo(OnnxExporter.OutputName, elementType, description.OutputSize));

        var operatorSet = new ProtobufWriter();
        operatorSet.WriteString(OnnxSchema.OperatorSetId.Domain, string.Empty);
        operatorSet.WriteInt64(OnnxSchema.OperatorSetId.Version, OnnxExporter.OperatorSetVersion);

        var model = new ProtobufWriter();
        model.WriteInt64(OnnxSchema.Model.IrVersion, IrVersion);
        model.WriteString(OnnxSchema.Model.ProducerName, OnnxExporter.ProducerName);
        model.WriteString(OnnxSchema.Model.ProducerVersion, ProducerVersion());
        model.WriteString(OnnxSchema.Model.DocString, $"GenNN network {description.Name}: {description.Signature}");
        model.WriteMessage(OnnxSchema.Model.Graph, graph);
        model.WriteMessage(OnnxSchema.Model.OpsetImport, operatorSet);
        return model;
    }

    /// <summary>Writes one dense layer's nodes and initializers; returns the name of the value it produces.</summary>
    private static string WriteDenseLayer<T>(
        ProtobufWriter graph,
        List<ProtobufWriter> initializers,
        LayerDescription layer,
        string input,
        bool isLast,
        ReadOnlySpan<T> parameters,
        int elementType)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (layer.Kind != DenseKind)
        {
            throw new NotSupportedException($"Layer '{layer.Name}' is a {layer.Kind} layer; the ONNX export knows dense layers only.");
        }

        TensorDescription weights = FindTensor(layer, "Weights");
        TensorDescription bias = FindTensor(layer, "Bias");
        if (bias.Shape.Count != 1 || bias.Shape[0] != layer.OutputSize)
        {
            throw new NotSupportedException($"Layer '{layer.Name}' has {layer.OutputSize} outputs, but its bias has shape [{string.Join(", ", bias.Shape)}].");
        }

        DenseWeightLayout layout = DenseWeightLayouts.Of(layer, weights);
        string weightsName = layer.Name + ".Weights";
        string biasName = layer.Name + ".Bias";
        initializers.Add(Initializer(weightsName, weights, parameters, elementType));
        initializers.Add(Initializer(biasName, bias, parameters, elementType));

        bool hasActivationNode = layer.Activation != Activation.Identity;
        string weightedSum = isLast && !hasActivationNode ? OnnxExporter.OutputName : layer.Name + ".z";
        var gemm = Node(layer.Name + ".Gemm", "Gemm", new[] { input, weightsName, biasName }, weightedSum);
        if (layout == DenseWeightLayout.OutputMajor)
        {
            gemm.WriteMessage(OnnxSchema.Node.Attribute, IntAttribute("transB", 1));
        }

        graph.WriteMessage(OnnxSchema.Graph.Node, gemm);
        if (!hasActivationNode)
        {
            return weightedSum;
        }

        string activated = isLast ? OnnxExporter.OutputName : layer.Name + ".a";
        graph.WriteMessage(OnnxSchema.Graph.Node, ActivationNode<T>(layer, weightedSum, activated, initializers, elementType));
        return activated;
    }

    private static string WriteActivationLayer<T>(ProtobufWriter graph, List<ProtobufWriter> initializers, LayerDescription layer, string input, bool isLast, int elementType)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string activated = isLast ? OnnxExporter.OutputName : layer.Name + ".a";
        graph.WriteMessage(OnnxSchema.Graph.Node, ActivationNode<T>(layer, input, activated, initializers, elementType));
        return activated;
    }

    private static string WriteIdentity(ProtobufWriter graph, LayerDescription layer, string input)
    {
        graph.WriteMessage(OnnxSchema.Graph.Node, Node(layer.Name + ".Identity", "Identity", new[] { input }, OnnxExporter.OutputName));
        return OnnxExporter.OutputName;
    }

    private static ProtobufWriter ActivationNode<T>(LayerDescription layer, string input, string output, List<ProtobufWriter> initializers, int elementType)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (layer.Activation)
        {
            case Activation.ReLU:
                return Node(layer.Name + ".Relu", "Relu", new[] { input }, output);
            case Activation.Sigmoid:
                return Node(layer.Name + ".Sigmoid", "Sigmoid", new[] { input }, output);
            case Activation.Tanh:
                return Node(layer.Name + ".Tanh", "Tanh", new[] { input }, output);
            case Activation.Softmax:
                ProtobufWriter softmax = Node(layer.Name + ".Softmax", "Softmax", new[] { input }, output);
                softmax.WriteMessage(OnnxSchema.Node.Attribute, IntAttribute("axis", -1));
                return softmax;
            case Activation.LeakyReLU when typeof(T) == typeof(float):
                // Exact: float networks multiply by the slope rounded to float, which is what the attribute holds.
                ProtobufWriter leakyRelu = Node(layer.Name + ".LeakyRelu", "LeakyRelu", new[] { input }, output);
                leakyRelu.WriteMessage(OnnxSchema.Node.Attribute, FloatAttribute("alpha", (float)layer.NegativeSlope));
                return leakyRelu;
            case Activation.LeakyReLU:
                // LeakyRelu's alpha is a float attribute; a double network's slope keeps its precision in a PRelu slope tensor.
                string slope = layer.Name + ".NegativeSlope";
                initializers.Add(SlopeInitializer<T>(slope, layer.NegativeSlope, elementType));
                return Node(layer.Name + ".PRelu", "PRelu", new[] { input, slope }, output);
            default:
                throw new NotSupportedException($"Layer '{layer.Name}' has activation {layer.Activation}, which the ONNX export does not know.");
        }
    }

    private static TensorDescription FindTensor(LayerDescription layer, string name)
    {
        foreach (TensorDescription tensor in layer.Tensors)
        {
            if (tensor.Name == name)
            {
                return tensor;
            }
        }

        throw new NotSupportedException($"Layer '{layer.Name}' has no tensor named '{name}'.");
    }

    private static ProtobufWriter Node(string name, string operatorType, string[] inputs, string output)
    {
        var node = new ProtobufWriter();
        foreach (string input in inputs)
        {
            node.WriteString(OnnxSchema.Node.Input, input);
        }

        node.WriteString(OnnxSchema.Node.Output, output);
        node.WriteString(OnnxSchema.Node.Name, name);
        node.WriteString(OnnxSchema.Node.OpType, operatorType);
        return node;
    }

    private static ProtobufWriter IntAttribute(string name, long value)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(OnnxSchema.Attribute.Name, name);
        attribute.WriteInt64(OnnxSchema.Attribute.IntValue, value);
        attribute.WriteInt64(OnnxSchema.Attribute.Type, OnnxSchema.Attribute.TypeInt);
        return attribute;
    }

    private static ProtobufWriter FloatAttribute(string name, float value)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(OnnxSchema.Attribute.Name, name);
        attribute.WriteFloat(OnnxSchema.Attribute.FloatValue, value);
        attribute.WriteInt64(OnnxSchema.Attribute.Type, OnnxSchema.Attribute.TypeFloat);
        return attribute;
    }

    private static ProtobufWriter Initializer<T>(string name, TensorDescription tensor, ReadOnlySpan<T> parameters, int elementType)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long elementCount = 1;
        foreach (int dimension in tensor.Shape)
        {
            elementCount *= dimension;
        }

        if (elementCount != tensor.Length || tensor.Offset < 0 || tensor.Offset > parameters.Length - tensor.Length)
        {
            throw new NotSupportedException(
                $"Tensor '{name}' (offset {tensor.Offset}, length {tensor.Length}, shape [{string.Join(", ", tensor.Shape)}]) does not fit the {parameters.Length} parameters.");
        }

        var initializer = new ProtobufWriter();
        foreach (int dimension in tensor.Shape)
        {
            initializer.WriteInt64(OnnxSchema.Tensor.Dims, dimension);
        }

        initializer.WriteInt64(OnnxSchema.Tensor.DataType, elementType);
        initializer.WriteString(OnnxSchema.Tensor.Name, name);
        ReadOnlySpan<T> values = parameters.Slice(tensor.Offset, tensor.Length);
        LittleEndianElements.Write(values, initializer.WriteBytes(OnnxSchema.Tensor.RawData, values.Length * LittleEndianElements.SizeOf(LittleEndianElements.PrecisionOf<T>())));
        return initializer;
    }

    private static ProtobufWriter SlopeInitializer<T>(string name, double slope, int elementType)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var initializer = new ProtobufWriter();
        initializer.WriteInt64(OnnxSchema.Tensor.Dims, 1);
        initializer.WriteInt64(OnnxSchema.Tensor.DataType, elementType);
        initializer.WriteString(OnnxSchema.Tensor.Name, name);
        ReadOnlySpan<T> values = new[] { T.CreateTruncating(slope) };
        LittleEndianElements.Write(values, initializer.WriteBytes(OnnxSchema.Tensor.RawData, LittleEndianElements.SizeOf(LittleEndianElements.PrecisionOf<T>())));
        return initializer;
    }

    /// <summary>A graph input or output of shape <c>[N, size]</c>, <c>N</c> being the batch size the caller picks.</summary>
    private static ProtobufWriter BatchValueInfo(string name, int elementType, int size)
    {
        var batch = new ProtobufWriter();
        batch.WriteString(OnnxSchema.Shape.DimParam, BatchDimension);
        var features = new ProtobufWriter();
        features.WriteInt64(OnnxSchema.Shape.DimValue, size);
        var shape = new ProtobufWriter();
        shape.WriteMessage(OnnxSchema.Shape.Dim, batch);
        shape.WriteMessage(OnnxSchema.Shape.Dim, features);

        var tensorType = new ProtobufWriter();
        tensorType.WriteInt64(OnnxSchema.Type.TensorElementType, elementType);
        tensorType.WriteMessage(OnnxSchema.Type.TensorShape, shape);
        var type = new ProtobufWriter();
        type.WriteMessage(OnnxSchema.Type.TensorType, tensorType);

        var valueInfo = new ProtobufWriter();
        valueInfo.WriteString(OnnxSchema.ValueInfo.Name, name);
        valueInfo.WriteMessage(OnnxSchema.ValueInfo.Type, type);
        return valueInfo;
    }

    private static string ProducerVersion()
        => typeof(OnnxModelEncoder).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
