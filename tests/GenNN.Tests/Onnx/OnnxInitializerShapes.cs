using System;
using System.Collections.Generic;
using System.Text;

namespace GenNN.Tests.Onnx;

/// <summary>
/// The shapes of an exported model's initializers, read from its protobuf bytes with no ONNX library: ModelProto's
/// graph (field 7), the graph's initializers (field 5), each TensorProto's dims (field 1) and name (field 8). For
/// what ONNX Runtime cannot tell apart: a wrong shape that broadcasts to the same outputs.
/// </summary>
internal static class OnnxInitializerShapes
{
    public static IReadOnlyDictionary<string, long[]> Of(byte[] model)
    {
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach ((int field, ReadOnlyMemory<byte> graph) in Messages(model))
        {
            if (field != 7)
            {
                continue;
            }

            foreach ((int graphField, ReadOnlyMemory<byte> tensor) in Messages(graph))
            {
                if (graphField == 5)
                {
                    (string name, long[] dims) = Tensor(tensor.Span);
                    shapes[name] = dims;
                }
            }
        }

        return shapes;
    }

    private static (string Name, long[] Dims) Tensor(ReadOnlySpan<byte> tensor)
    {
        var dims = new List<long>();
        string name = string.Empty;
        int position = 0;
        while (position < tensor.Length)
        {
            ulong key = Varint(tensor, ref position);
            int field = (int)(key >> 3);
            int wire = (int)(key & 7);
            if (field == 1 && wire == 0)
            {
                dims.Add((long)Varint(tensor, ref position));
            }
            else if (field == 1 && wire == 2)
            {
                int packedLength = (int)Varint(tensor, ref position);
                int end = position + packedLength;
                while (position < end)
                {
                    dims.Add((long)Varint(tensor, ref position));
                }
            }
            else if (field == 8 && wire == 2)
            {
                int length = (int)Varint(tensor, ref position);
                name = Encoding.UTF8.GetString(tensor.Slice(position, length));
                position += length;
            }
            else
            {
                Skip(tensor, wire, ref position);
            }
        }

        return (name, dims.ToArray());
    }

    /// <summary>The length-delimited fields of a message, with their numbers.</summary>
    private static List<(int Field, ReadOnlyMemory<byte> Bytes)> Messages(ReadOnlyMemory<byte> message)
    {
        var fields = new List<(int, ReadOnlyMemory<byte>)>();
        int position = 0;
        while (position < message.Length)
        {
            ulong key = Varint(message.Span, ref position);
            int wire = (int)(key & 7);
            if (wire == 2)
            {
                int length = (int)Varint(message.Span, ref position);
                fields.Add(((int)(key >> 3), message.Slice(position, length)));
                position += length;
            }
            else
            {
                Skip(message.Span, wire, ref position);
            }
        }

        return fields;
    }

    private static void Skip(ReadOnlySpan<byte> bytes, int wire, ref int position)
    {
        switch (wire)
        {
            case 0:
                Varint(bytes, ref position);
                break;
            case 1:
                position += 8;
                break;
            case 2:
                int length = (int)Varint(bytes, ref position);
                position += length;
                break;
            case 5:
                position += 4;
                break;
            default:
                throw new FormatException($"Unexpected protobuf wire type {wire}.");
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
