namespace GenNN.Onnx;

/// <summary>
/// The parts of the ONNX protobuf schema (onnx.proto, IR version 8) that the exporter writes: field numbers per
/// message and the enum values used. They are fixed by the standard, which never renumbers a field.
/// </summary>
internal static class OnnxSchema
{
    /// <summary><c>ModelProto</c>.</summary>
    public static class Model
    {
        public const int IrVersion = 1;
        public const int ProducerName = 2;
        public const int ProducerVersion = 3;
        public const int DocString = 6;
        public const int Graph = 7;
        public const int OpsetImport = 8;
    }

    /// <summary><c>OperatorSetIdProto</c>.</summary>
    public static class OperatorSetId
    {
        public const int Domain = 1;
        public const int Version = 2;
    }

    /// <summary><c>GraphProto</c>.</summary>
    public static class Graph
    {
        public const int Node = 1;
        public const int Name = 2;
        public const int Initializer = 5;
        public const int Input = 11;
        public const int Output = 12;
    }

    /// <summary><c>NodeProto</c>.</summary>
    public static class Node
    {
        public const int Input = 1;
        public const int Output = 2;
        public const int Name = 3;
        public const int OpType = 4;
        public const int Attribute = 5;
    }

    /// <summary><c>AttributeProto</c>.</summary>
    public static class Attribute
    {
        public const int Name = 1;
        public const int FloatValue = 2;
        public const int IntValue = 3;
        public const int StringValue = 4;
        public const int IntValues = 8;
        public const int StringValues = 9;
        public const int Type = 20;

        /// <summary><c>AttributeProto.AttributeType.FLOAT</c>.</summary>
        public const int TypeFloat = 1;

        /// <summary><c>AttributeProto.AttributeType.INT</c>.</summary>
        public const int TypeInt = 2;

        /// <summary><c>AttributeProto.AttributeType.STRING</c>.</summary>
        public const int TypeString = 3;

        /// <summary><c>AttributeProto.AttributeType.INTS</c>.</summary>
        public const int TypeInts = 7;

        /// <summary><c>AttributeProto.AttributeType.STRINGS</c>.</summary>
        public const int TypeStrings = 8;
    }

    /// <summary><c>TensorProto</c>.</summary>
    public static class Tensor
    {
        public const int Dims = 1;
        public const int DataType = 2;
        public const int Name = 8;
        public const int RawData = 9;

        /// <summary><c>TensorProto.DataType.FLOAT</c>.</summary>
        public const int DataTypeFloat = 1;

        /// <summary><c>TensorProto.DataType.INT64</c>: shapes, pads and gather indices.</summary>
        public const int DataTypeInt64 = 7;

        /// <summary><c>TensorProto.DataType.DOUBLE</c>.</summary>
        public const int DataTypeDouble = 11;
    }

    /// <summary><c>ValueInfoProto</c>.</summary>
    public static class ValueInfo
    {
        public const int Name = 1;
        public const int Type = 2;
    }

    /// <summary><c>TypeProto</c> and its nested <c>TypeProto.Tensor</c>.</summary>
    public static class Type
    {
        public const int TensorType = 1;
        public const int TensorElementType = 1;
        public const int TensorShape = 2;
    }

    /// <summary><c>TensorShapeProto</c> and its nested <c>TensorShapeProto.Dimension</c>.</summary>
    public static class Shape
    {
        public const int Dim = 1;
        public const int DimValue = 1;
        public const int DimParam = 2;
    }
}
