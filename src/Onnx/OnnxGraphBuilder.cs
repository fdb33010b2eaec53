using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace GenNN.Onnx;

/// <summary>
/// Collects an ONNX graph's nodes and initializers as the layer writers add them, then writes the <c>GraphProto</c>.
/// Each node's name is also the name of the one value it produces. A layer's values and initializers are named
/// <c>{layer}.{role}</c> (<c>hidden.Gemm</c>, <c>hidden.Weights</c>); the graph's own have names without a dot, so
/// they never meet a layer's (layer names are C# identifiers).
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private const string BatchDimension = "N";

    private readonly List<PendingNode> nodes = new();
    private readonly List<ProtobufWriter> initializers = new();
    private readonly byte[] parameters;
    private readonly byte[] buffers;

    /// <summary>Starts an empty graph over a network's parameters and buffers, given as little-endian bytes of <paramref name="precision"/>.</summary>
    public OnnxGraphBuilder(Precision precision, byte[] parameters, byte[] buffers)
    {
        Precision = precision;
        this.parameters = parameters;
        this.buffers = buffers;
    }

    /// <summary>The network's precision: every tensor the graph computes has it.</summary>
    public Precision Precision { get; }

    /// <summary>The <c>TensorProto.DataType</c> of <see cref="Precision"/>.</summary>
    public int ElementType => Precision == Precision.Double ? OnnxSchema.Tensor.DataTypeDouble : OnnxSchema.Tensor.DataTypeFloat;

    private int ElementSize => Precision == Precision.Double ? sizeof(double) : sizeof(float);

    /// <summary>Adds a node named <paramref name="name"/> that computes the value of that name; returns the name.</summary>
    public string Node(string name, string operatorType, string[] inputs, params ProtobufWriter[] attributes)
    {
        nodes.Add(new PendingNode(name, operatorType, inputs, name, attributes));
        return name;
    }

    /// <summary>
    /// Adds the parameter tensor <paramref name="tensorName"/> of <paramref name="layer"/> as an initializer named
    /// <c>{layer}.{tensor}</c>, with its values and shape as stored; returns the name.
    /// </summary>
    /// <exception cref="NotSupportedException">The layer has no such tensor, or it does not fit the parameters.</exception>
    public string Parameter(LayerDescription layer, string tensorName)
    {
        StoredInitializer(layer, LayerParts.Tensor(layer, tensorName), parameters, "parameters");
        return layer.Name + "." + tensorName;
    }

    /// <summary>
    /// Adds the parameter tensor <paramref name="tensorName"/> like <see cref="Parameter(LayerDescription, string)"/>,
    /// declared with <paramref name="shape"/> instead of its own: the same values in the same row-major order, viewed
    /// another way (as a <c>Reshape</c> would, without the node).
    /// </summary>
    /// <exception cref="NotSupportedException">
    /// The layer has no such tensor, it does not fit the parameters, or <paramref name="shape"/> holds another number of values.
    /// </exception>
    public string Parameter(LayerDescription layer, string tensorName, IReadOnlyList<int> shape)
    {
        TensorDescription tensor = LayerParts.Tensor(layer, tensorName);
        if (NetworkDescription.Product(shape) != tensor.Length)
        {
            throw new NotSupportedException($"Tensor '{layer.Name}.{tensorName}' holds {tensor.Length} values, which shape [{string.Join(", ", shape)}] cannot view.");
        }

        StoredInitializer(layer, tensor with { Shape = shape }, parameters, "parameters");
        return layer.Name + "." + tensorName;
    }

    /// <summary>
    /// Adds the state tensor <paramref name="tensorName"/> of <paramref name="layer"/> (from the buffers) as an
    /// initializer, like <see cref="Parameter(LayerDescription, string)"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The layer has no such tensor, or it does not fit the buffers.</exception>
    public string Buffer(LayerDescription layer, string tensorName)
    {
        StoredInitializer(layer, LayerParts.Buffer(layer, tensorName), buffers, "buffers");
        return layer.Name + "." + tensorName;
    }

    /// <summary>
    /// Adds the state tensor <paramref name="tensorName"/> of <paramref name="layer"/> with <paramref name="addend"/>
    /// added to each value, as an initializer named <c>{layer}.{name}</c>; returns the name. A double network's sums
    /// are rounded once, as generated code's are.
    /// </summary>
    /// <exception cref="NotSupportedException">The layer has no such tensor, or it does not fit the buffers.</exception>
    public string BufferPlus(LayerDescription layer, string tensorName, double addend, string name)
    {
        TensorDescription tensor = LayerParts.Buffer(layer, tensorName);
        Span<byte> values = StoredInitializer(layer, tensor with { Name = name }, buffers, "buffers");
        for (int i = 0; i < tensor.Length; i++)
        {
            WriteElement(values, i, ReadElement(values, i) + addend);
        }

        return layer.Name + "." + name;
    }

    /// <summary>
    /// Adds a scalar initializer holding <paramref name="value"/> in the network's precision, rounded as generated code
    /// rounds its constants; returns its name.
    /// </summary>
    public string Scalar(string name, double value) => Filled(name, Array.Empty<int>(), value);

    /// <summary>Adds an initializer of <paramref name="shape"/> with every element <paramref name="value"/>, in the network's precision.</summary>
    public string Filled(string name, IReadOnlyList<int> shape, double value)
    {
        int count = NetworkDescription.Product(shape);
        Span<byte> contents = AddInitializer(name, shape, ElementType, count * ElementSize);
        for (int i = 0; i < count; i++)
        {
            WriteElement(contents, i, value);
        }

        return name;
    }

    /// <summary>The stored values of the parameter tensor <paramref name="tensorName"/> of <paramref name="layer"/>, as doubles (exact for float networks).</summary>
    /// <exception cref="NotSupportedException">The layer has no such tensor, or it does not fit the parameters.</exception>
    public double[] ParameterValues(LayerDescription layer, string tensorName)
    {
        TensorDescription tensor = LayerParts.Tensor(layer, tensorName);
        if ((long)(tensor.Offset + tensor.Length) * ElementSize > parameters.Length)
        {
            throw new NotSupportedException($"Tensor '{layer.Name}.{tensorName}' lies outside the parameters.");
        }

        var values = new double[tensor.Length];
        ReadOnlySpan<byte> stored = parameters.AsSpan(tensor.Offset * ElementSize, tensor.Length * ElementSize);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = ReadElement(stored, i);
        }

        return values;
    }

    /// <summary>
    /// Adds an initializer of <paramref name="shape"/> holding <paramref name="values"/> row-major in the network's
    /// precision (parameters rearranged for an operator's layout); returns its name.
    /// </summary>
    public string Values(string name, IReadOnlyList<int> shape, IReadOnlyList<double> values)
    {
        Span<byte> contents = AddInitializer(name, shape, ElementType, values.Count * ElementSize);
        for (int i = 0; i < values.Count; i++)
        {
            WriteElement(contents, i, values[i]);
        }

        return name;
    }

    /// <summary>
    /// Adds a <c>float</c> initializer of <paramref name="shape"/> holding <paramref name="values"/> row-major, rounded,
    /// whatever the network's precision: for the operators ONNX Runtime runs in float only; returns its name.
    /// </summary>
    public string FloatValues(string name, IReadOnlyList<int> shape, IReadOnlyList<double> values)
    {
        Span<byte> contents = AddInitializer(name, shape, OnnxSchema.Tensor.DataTypeFloat, values.Count * sizeof(float));
        for (int i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(contents.Slice(i * sizeof(float)), (float)values[i]);
        }

        return name;
    }

    /// <summary>Adds a one-dimensional <c>int64</c> initializer (a shape for <c>Reshape</c>, pads for <c>Pad</c>); returns its name.</summary>
    public string Int64s(string name, IReadOnlyList<long> values) => Int64s(name, new[] { values.Count }, values);

    /// <summary>Adds an <c>int64</c> initializer of <paramref name="shape"/> holding <paramref name="values"/> row-major; returns its name.</summary>
    public string Int64s(string name, IReadOnlyList<int> shape, IReadOnlyList<long> values)
    {
        Span<byte> contents = AddInitializer(name, shape, OnnxSchema.Tensor.DataTypeInt64, values.Count * sizeof(long));
        for (int i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(contents.Slice(i * sizeof(long)), values[i]);
        }

        return name;
    }

    /// <summary>
    /// Writes the <c>GraphProto</c>: <see cref="OnnxExporter.InputName"/> <c>[N, inputSize]</c> in, the value
    /// <paramref name="result"/>, renamed <see cref="OnnxExporter.OutputName"/>, out as <c>[N, outputSize]</c>.
    /// Renaming the node that computes the result spares an <c>Identity</c> node, needed only when the result is the
    /// input itself.
    /// </summary>
    public ProtobufWriter Write(string name, string result, int inputSize, int outputSize)
    {
        int producer = nodes.FindLastIndex(node => node.Output == result);
        if (producer < 0)
        {
            Node("outputIdentity", "Identity", new[] { result });
            producer = nodes.Count - 1;
        }

        nodes[producer] = nodes[producer] with { Output = OnnxExporter.OutputName };

        var graph = new ProtobufWriter();
        foreach (PendingNode node in nodes)
        {
            graph.WriteMessage(OnnxSchema.Graph.Node, node.Encode());
        }

        graph.WriteString(OnnxSchema.Graph.Name, name);
        foreach (ProtobufWriter initializer in initializers)
        {
            graph.WriteMessage(OnnxSchema.Graph.Initializer, initializer);
        }

        graph.WriteMessage(OnnxSchema.Graph.Input, BatchValueInfo(OnnxExporter.InputName, inputSize));
        graph.WriteMessage(OnnxSchema.Graph.Output, BatchValueInfo(OnnxExporter.OutputName, outputSize));
        return graph;
    }

    /// <summary>
    /// Adds <paramref name="tensor"/>'s values from <paramref name="source"/> as an initializer named
    /// <c>{layer}.{tensor}</c>; returns the space holding them.
    /// </summary>
    private Span<byte> StoredInitializer(LayerDescription layer, TensorDescription tensor, byte[] source, string sourceName)
    {
        string name = layer.Name + "." + tensor.Name;
        int available = source.Length / ElementSize;
        if (NetworkDescription.Product(tensor.Shape) != tensor.Length || tensor.Offset < 0 || tensor.Offset > available - tensor.Length)
        {
            throw new NotSupportedException(
                $"Tensor '{name}' (offset {tensor.Offset}, length {tensor.Length}, shape [{string.Join(", ", tensor.Shape)}]) does not fit the {available} {sourceName}.");
        }

        Span<byte> contents = AddInitializer(name, tensor.Shape, ElementType, tensor.Length * ElementSize);
        source.AsSpan(tensor.Offset * ElementSize, tensor.Length * ElementSize).CopyTo(contents);
        return contents;
    }

    private double ReadElement(ReadOnlySpan<byte> elements, int index)
        => Precision == Precision.Double
            ? BinaryPrimitives.ReadDoubleLittleEndian(elements.Slice(index * sizeof(double)))
            : BinaryPrimitives.ReadSingleLittleEndian(elements.Slice(index * sizeof(float)));

    /// <summary>Writes <paramref name="value"/> as element <paramref name="index"/>, rounded to the network's precision.</summary>
    private void WriteElement(Span<byte> elements, int index, double value)
    {
        if (Precision == Precision.Double)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(elements.Slice(index * sizeof(double)), value);
        }
        else
        {
            BinaryPrimitives.WriteSingleLittleEndian(elements.Slice(index * sizeof(float)), (float)value);
        }
    }

    /// <summary>Adds an initializer's header and returns the space for its <c>raw_data</c>, little-endian, which the caller fills.</summary>
    private Span<byte> AddInitializer(string name, IReadOnlyList<int> shape, int dataType, int byteLength)
    {
        var initializer = new ProtobufWriter();
        foreach (int dimension in shape)
        {
            initializer.WriteInt64(OnnxSchema.Tensor.Dims, dimension);
        }

        initializer.WriteInt64(OnnxSchema.Tensor.DataType, dataType);
        initializer.WriteString(OnnxSchema.Tensor.Name, name);
        initializers.Add(initializer);
        return initializer.WriteBytes(OnnxSchema.Tensor.RawData, byteLength);
    }

    /// <summary>A graph input or output of shape <c>[N, size]</c>, <c>N</c> being the batch size the caller picks.</summary>
    private ProtobufWriter BatchValueInfo(string name, int size)
    {
        var batch = new ProtobufWriter();
        batch.WriteString(OnnxSchema.Shape.DimParam, BatchDimension);
        var features = new ProtobufWriter();
        features.WriteInt64(OnnxSchema.Shape.DimValue, size);
        var shape = new ProtobufWriter();
        shape.WriteMessage(OnnxSchema.Shape.Dim, batch);
        shape.WriteMessage(OnnxSchema.Shape.Dim, features);

        var tensorType = new ProtobufWriter();
        tensorType.WriteInt64(OnnxSchema.Type.TensorElementType, ElementType);
        tensorType.WriteMessage(OnnxSchema.Type.TensorShape, shape);
        var type = new ProtobufWriter();
        type.WriteMessage(OnnxSchema.Type.TensorType, tensorType);

        var valueInfo = new ProtobufWriter();
        valueInfo.WriteString(OnnxSchema.ValueInfo.Name, name);
        valueInfo.WriteMessage(OnnxSchema.ValueInfo.Type, type);
        return valueInfo;
    }

    /// <summary>A node, kept unencoded until the graph is written so that the result's producer can be renamed.</summary>
    private sealed record PendingNode(string Name, string OperatorType, string[] Inputs, string Output, ProtobufWriter[] Attributes)
    {
        public ProtobufWriter Encode()
        {
            var node = new ProtobufWriter();
            foreach (string input in Inputs)
            {
                node.WriteString(OnnxSchema.Node.Input, input);
            }

            node.WriteString(OnnxSchema.Node.Output, Output);
            node.WriteString(OnnxSchema.Node.Name, Name);
            node.WriteString(OnnxSchema.Node.OpType, OperatorType);
            foreach (ProtobufWriter attribute in Attributes)
            {
                node.WriteMessage(OnnxSchema.Node.Attribute, attribute);
            }

            return node;
        }
    }
}
