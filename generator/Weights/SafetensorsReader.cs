using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GenNN.Generator.Weights;

/// <summary>One tensor a safetensors header lists: where its data lie in the file.</summary>
/// <param name="Name">Its name (<c>0.weight</c>).</param>
/// <param name="DataType">Its element type (<c>F32</c>, <c>F64</c>, <c>I64</c>, ...).</param>
/// <param name="Shape">Its dimensions.</param>
/// <param name="Start">Where its data start in the file (not the buffer).</param>
/// <param name="Length">Its data's length in bytes.</param>
internal sealed record SafetensorsEntry(string Name, string DataType, long[] Shape, int Start, int Length)
{
    public string ShapeText => "[" + string.Join(", ", Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}

/// <summary>
/// Reads a safetensors file's header as the runtime's <c>SafetensorsCodec.Parse</c> does, with the same checks: an
/// 8-byte little-endian header length within the file and the format's limit, a JSON object of tensors (and
/// <c>__metadata__</c>, whose strings are ignored) each with a string <c>dtype</c>, a non-negative integer
/// <c>shape</c> and <c>data_offsets</c> inside the buffer that match the shape and type, no name twice, and the
/// tensors' data end to end without overlap or gap. A violation throws <see cref="FormatException"/> with the problem.
/// </summary>
internal static class SafetensorsReader
{
    private const string MetadataKey = "__metadata__";

    private const long MaxHeaderLength = 100_000_000;

    public static IReadOnlyList<SafetensorsEntry> Read(byte[] file)
    {
        if (file.Length < 8)
        {
            throw Malformed($"it has {Text(file.Length)} bytes, too few for the 8-byte header length");
        }

        ulong headerLength = (ulong)LittleEndianBytes.Int64(file, 0);
        if (headerLength > MaxHeaderLength)
        {
            throw Malformed($"its header length {headerLength.ToString(CultureInfo.InvariantCulture)} exceeds the format's limit of {Text(MaxHeaderLength)} bytes");
        }

        if (headerLength > (ulong)(file.Length - 8))
        {
            throw Malformed($"its header length {headerLength.ToString(CultureInfo.InvariantCulture)} runs past the end of the {Text(file.Length)}-byte file (truncated?)");
        }

        int bufferStart = 8 + (int)headerLength;
        long bufferLength = file.Length - bufferStart;
        string json;
        try
        {
            json = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(file, 8, (int)headerLength);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("its header is not valid UTF-8");
        }

        JsonValue root;
        try
        {
            root = StrictJson.Parse(json);
        }
        catch (FormatException exception)
        {
            throw Malformed($"its header is not valid JSON ({exception.Message})");
        }

        if (root is not JsonObject header)
        {
            throw Malformed("its header is not a JSON object");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<SafetensorsEntry>();
        foreach (KeyValuePair<string, JsonValue> member in header.Members)
        {
            if (!names.Add(member.Key))
            {
                throw Malformed($"its header lists '{member.Key}' twice");
            }

            if (member.Key == MetadataKey)
            {
                CheckMetadata(member.Value);
            }
            else
            {
                entries.Add(ReadEntry(member.Key, member.Value, bufferStart, bufferLength));
            }
        }

        CheckContiguous(entries, bufferStart, bufferLength);
        return entries;
    }

    private static void CheckMetadata(JsonValue value)
    {
        if (value is not JsonObject metadata)
        {
            throw Malformed($"its '{MetadataKey}' is not a JSON object");
        }

        foreach (KeyValuePair<string, JsonValue> pair in metadata.Members)
        {
            if (pair.Value is not JsonString)
            {
                throw Malformed($"its metadata value '{pair.Key}' is not a string");
            }
        }
    }

    private static SafetensorsEntry ReadEntry(string name, JsonValue value, int bufferStart, long bufferLength)
    {
        if (value is not JsonObject entry || entry["dtype"] is not JsonString dtype || entry["shape"] is not JsonArray shape || entry["data_offsets"] is not JsonArray offsets)
        {
            throw Malformed($"tensor '{name}' lacks a string 'dtype', an array 'shape' or an array 'data_offsets'");
        }

        var dimensions = new long[shape.Items.Count];
        long elements = 1;
        for (int d = 0; d < dimensions.Length; d++)
        {
            if (shape.Items[d] is not JsonNumber number || !number.TryGetInt64(out long size) || size < 0)
            {
                throw Malformed($"tensor '{name}' has a shape entry that is not a non-negative integer");
            }

            dimensions[d] = size;
            elements = elements > 0 && size > long.MaxValue / elements ? long.MaxValue : elements * size;
        }

        long begin = 0;
        long end = 0;
        if (offsets.Items.Count != 2
            || offsets.Items[0] is not JsonNumber first || !first.TryGetInt64(out begin)
            || offsets.Items[1] is not JsonNumber second || !second.TryGetInt64(out end))
        {
            throw Malformed($"tensor '{name}' has data_offsets that are not two integers");
        }

        if (begin < 0 || end < begin || end > bufferLength)
        {
            throw Malformed($"tensor '{name}' has data_offsets [{Text(begin)}, {Text(end)}] outside the {Text(bufferLength)}-byte buffer (truncated?)");
        }

        int elementSize = GenNN.Serialization.SafetensorsDataTypes.ElementSize(dtype.Value);
        if (elementSize > 0 && (elements > long.MaxValue / elementSize || elements * elementSize != end - begin))
        {
            string bytes = elements > long.MaxValue / elementSize ? "over 2^63" : Text(elements * elementSize);
            throw Malformed(
                $"tensor '{name}' of shape [{string.Join(", ", dimensions.Select(Text))}] and dtype {dtype.Value} needs {bytes} bytes, but its data_offsets span {Text(end - begin)}");
        }

        return new SafetensorsEntry(name, dtype.Value, dimensions, bufferStart + (int)begin, (int)(end - begin));
    }

    private static void CheckContiguous(List<SafetensorsEntry> entries, int bufferStart, long bufferLength)
    {
        SafetensorsEntry? previous = null;
        foreach (SafetensorsEntry entry in entries.OrderBy(entry => entry.Start).ThenBy(entry => entry.Length))
        {
            int expectedStart = previous is null ? bufferStart : previous.Start + previous.Length;
            if (entry.Start < expectedStart)
            {
                throw Malformed($"tensors '{previous!.Name}' and '{entry.Name}' overlap; the format requires each tensor's data to follow the previous one's, without overlap or gap");
            }

            if (entry.Start > expectedStart)
            {
                throw Malformed($"bytes {Text(expectedStart - bufferStart)} to {Text(entry.Start - bufferStart)} of the buffer, before tensor '{entry.Name}', belong to no tensor");
            }

            previous = entry;
        }

        long end = previous is null ? 0 : previous.Start + previous.Length - bufferStart;
        if (end != bufferLength)
        {
            throw Malformed($"its tensors' data end at byte {Text(end)}, but the buffer after the header has {Text(bufferLength)} bytes");
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static FormatException Malformed(string problem) => new("it is not a valid safetensors file: " + problem);
}
