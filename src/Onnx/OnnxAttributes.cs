using System.Collections.Generic;

namespace GenNN.Onnx;

/// <summary>Encodes a node's attributes (<c>AttributeProto</c>): the integer, integer-list, float and string kinds the exporter writes.</summary>
internal static class OnnxAttributes
{
    /// <summary>An <c>INT</c> attribute.</summary>
    public static ProtobufWriter Int(string name, long value)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(OnnxSchema.Attribute.Name, name);
        attribute.WriteInt64(OnnxSchema.Attribute.IntValue, value);
        attribute.WriteInt64(OnnxSchema.Attribute.Type, OnnxSchema.Attribute.TypeInt);
        return attribute;
    }

    /// <summary>An <c>INTS</c> attribute.</summary>
    public static ProtobufWriter Ints(string name, IEnumerable<long> values)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(OnnxSchema.Attribute.Name, name);
        foreach (long value in values)
        {
            attribute.WriteInt64(OnnxSchema.Attribute.IntValues, value);
        }

        attribute.WriteInt64(OnnxSchema.Attribute.Type, OnnxSchema.Attribute.TypeInts);
        return attribute;
    }

    /// <summary>
    /// A <c>FLOAT</c> attribute. ONNX has no double attributes, so a double network's setting (an epsilon, say) is
    /// rounded to float here; where that rounding would show, writers put the value in a tensor instead.
    /// </summary>
    public static ProtobufWriter Float(string name, double value)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(OnnxSchema.Attribute.Name, name);
        attribute.WriteFloat(OnnxSchema.Attribute.FloatValue, (float)value);
        attribute.WriteInt64(OnnxSchema.Attribute.Type, OnnxSchema.Attribute.TypeFloat);
        return attribute;
    }

    /// <summary>A <c>STRING</c> attribute.</summary>
    public static ProtobufWriter String(string name, string value)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(OnnxSchema.Attribute.Name, name);
        attribute.WriteString(OnnxSchema.Attribute.StringValue, value);
        attribute.WriteInt64(OnnxSchema.Attribute.Type, OnnxSchema.Attribute.TypeString);
        return attribute;
    }

    /// <summary>A <c>STRINGS</c> attribute.</summary>
    public static ProtobufWriter Strings(string name, IEnumerable<string> values)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(OnnxSchema.Attribute.Name, name);
        foreach (string value in values)
        {
            attribute.WriteString(OnnxSchema.Attribute.StringValues, value);
        }

        attribute.WriteInt64(OnnxSchema.Attribute.Type, OnnxSchema.Attribute.TypeStrings);
        return attribute;
    }
}
