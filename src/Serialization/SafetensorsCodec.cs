using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace GenNN.Serialization;

/// <summary>
/// The safetensors container: an 8-byte little-endian header length <c>N</c>, <c>N</c> bytes of UTF-8 JSON mapping
/// each tensor name to <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (plus an optional
/// <c>"__metadata__"</c> object of strings), then the byte buffer those offsets point into, each tensor row-major and
/// little-endian. Reading checks every entry against the buffer before anything uses it.
/// </summary>
internal static class SafetensorsCodec
{
    /// <summary>The JSON key of the free-form metadata object.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The reference implementation's upper bound on the header, against hostile lengths.</summary>
    private const long MaxHeaderLength = 100_000_000;

    /// <summary>
    /// Whether <paramref name="file"/> begins as safetensors does, an 8-byte header length that fits the file and then
    /// the header's opening brace: enough to name the format in another reader's error, not a check of the file.
    /// </summary>
    public static bool LooksLikeSafetensors(ReadOnlySpan<byte> file)
        => file.Length > sizeof(ulong)
            && BinaryPrimitives.ReadUInt64LittleEndian(file) <= (ulong)(file.Length - sizeof(ulong))
            && file[sizeof(ulong)] == (byte)'{';

    /// <summary>Checks a whole file and returns its header and where its byte buffer starts.</summary>
    /// <exception cref="SafetensorsException">The file is not well-formed safetensors.</exception>
    public static (SafetensorsHeader Header, int BufferStart) Parse(byte[] file, string path)
    {
        if (file.Length < sizeof(ulong))
        {
            throw Malformed(path, $"it has {file.Length} bytes, too few for the 8-byte header length.");
        }

        if (ModelFileFormat.StartsWithMagic(file))
        {
            throw Malformed(path, "it is a GenNN model file (.gennn): load it with ModelFile.Load.");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderLength)
        {
            throw Malformed(path, $"its header length {headerLength} exceeds the format's limit of {MaxHeaderLength} bytes (is it a safetensors file?).");
        }

        if (headerLength > (ulong)(file.Length - sizeof(ulong)))
        {
            throw Malformed(path, $"its header length {headerLength} runs past the end of the {file.Length}-byte file (truncated?).");
        }

        int bufferStart = sizeof(ulong) + (int)headerLength;
        long bufferLength = file.Length - bufferStart;
        if (!Utf8.IsValid(file.AsSpan(sizeof(ulong), (int)headerLength)))
        {
            // The JSON reader would accept these bytes and fail only when a name or value is read as a string.
            throw Malformed(path, "its header is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file.AsMemory(sizeof(ulong), (int)headerLength));
        }
        catch (JsonException exception)
        {
            throw new SafetensorsException(path, $"Its header is not valid JSON ({exception.Message}).", exception);
        }

        using (document)
        {
            try
            {
                return (ReadHeader(document.RootElement, bufferLength, path), bufferStart);
            }
            catch (InvalidOperationException exception)
            {
                // A string escape that is not Unicode (a lone surrogate, "\ud800"), found as the string is decoded.
                throw new SafetensorsException(path, $"Its header holds a string that is not valid Unicode ({exception.Message}).", exception);
            }
        }
    }

    /// <summary>The header's tensors and metadata, each entry checked against the buffer of <paramref name="bufferLength"/> bytes.</summary>
    private static SafetensorsHeader ReadHeader(JsonElement root, long bufferLength, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(path, "its header is not a JSON object.");
        }

        var tensors = new List<SafetensorsTensorInfo>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                throw Malformed(path, $"its header lists '{property.Name}' twice.");
            }

            if (property.Name == MetadataKey)
            {
                ReadMetadata(property.Value, metadata, path);
            }
            else
            {
                tensors.Add(ReadTensor(property, bufferLength, path));
            }
        }

        CheckContiguous(tensors, bufferLength, path);
        return new SafetensorsHeader(tensors, metadata);
    }

    /// <summary>
    /// Encodes a file holding the given tensors (their data laid out in the given order) and metadata. The header is
    /// padded with spaces to a multiple of 8 bytes, as the reference implementation does, so the buffer stays aligned.
    /// </summary>
    public static byte[] Encode(IReadOnlyList<(string Name, string DataType, IReadOnlyList<int> Shape, byte[] Data)> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            if (metadata.Count > 0)
            {
                writer.WriteStartObject(MetadataKey);
                foreach (KeyValuePair<string, string> pair in metadata)
                {
                    writer.WriteString(pair.Key, pair.Value);
                }

                writer.WriteEndObject();
            }

            long offset = 0;
            foreach ((string name, string dataType, IReadOnlyList<int> shape, byte[] data) in tensors)
            {
                writer.WriteStartObject(name);
                writer.WriteString("dtype", dataType);
                writer.WriteStartArray("shape");
                foreach (int dimension in shape)
                {
                    writer.WriteNumberValue(dimension);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + data.Length);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += data.Length;
            }

            writer.WriteEndObject();
        }

        int headerLength = (json.WrittenCount + 7) / 8 * 8;
        long total = sizeof(ulong) + headerLength;
        foreach ((_, _, _, byte[] data) in tensors)
        {
            total += data.Length;
        }

        var file = new byte[total];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)headerLength);
        json.WrittenSpan.CopyTo(file.AsSpan(sizeof(ulong)));
        file.AsSpan(sizeof(ulong) + json.WrittenCount, headerLength - json.WrittenCount).Fill((byte)' ');
        int position = sizeof(ulong) + headerLength;
        foreach ((_, _, _, byte[] data) in tensors)
        {
            data.CopyTo(file, position);
            position += data.Length;
        }

        return file;
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(path, $"its '{MetadataKey}' is not a JSON object.");
        }

        foreach (JsonProperty pair in value.EnumerateObject())
        {
            if (pair.Value.ValueKind != JsonValueKind.String)
            {
                throw Malformed(path, $"its metadata value '{pair.Name}' is not a string.");
            }

            metadata[pair.Name] = pair.Value.GetString()!;
        }
    }

    private static SafetensorsTensorInfo ReadTensor(JsonProperty property, long bufferLength, string path)
    {
        string name = property.Name;
        JsonElement entry = property.Value;
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("dtype", out JsonElement dtype) || dtype.ValueKind != JsonValueKind.String
            || !entry.TryGetProperty("shape", out JsonElement shape) || shape.ValueKind != JsonValueKind.Array
            || !entry.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(path, $"tensor '{name}' lacks a string 'dtype', an array 'shape' or an array 'data_offsets'.");
        }

        var dimensions = new List<long>();
        long elements = 1;
        foreach (JsonElement dimension in shape.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt64(out long size) || size < 0)
            {
                throw Malformed(path, $"tensor '{name}' has a shape entry that is not a non-negative integer.");
            }

            dimensions.Add(size);
            elements = elements > 0 && size > long.MaxValue / elements ? long.MaxValue : elements * size;
        }

        // TryGetInt64 throws rather than fails on a value that is not a number: check the kind first.
        if (offsets.GetArrayLength() != 2
            || offsets[0].ValueKind != JsonValueKind.Number || offsets[1].ValueKind != JsonValueKind.Number
            || !offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end))
        {
            throw Malformed(path, $"tensor '{name}' has data_offsets {offsets.GetRawText()}, not two integers.");
        }

        if (begin < 0 || end < begin || end > bufferLength)
        {
            throw Malformed(path, $"tensor '{name}' has data_offsets {offsets.GetRawText()} outside the {bufferLength}-byte buffer (truncated?).");
        }

        string dataType = dtype.GetString()!;
        int elementSize = SafetensorsDataTypes.ElementSize(dataType);
        if (elementSize > 0 && (elements > long.MaxValue / elementSize || elements * elementSize != end - begin))
        {
            string bytes = elements > long.MaxValue / elementSize ? "over 2^63" : (elements * elementSize).ToString(CultureInfo.InvariantCulture);
            throw Malformed(path, $"tensor '{name}' of shape [{string.Join(", ", dimensions)}] and dtype {dataType} needs {bytes} bytes, but its data_offsets span {end - begin}.");
        }

        return new SafetensorsTensorInfo(name, dataType, dimensions, begin, end);
    }

    /// <summary>
    /// Checks that the tensors' data lie end to end, as the format requires (and its reference implementation
    /// checks): in offset order, the first begins at 0, each begins where the one before ends, and the last ends at
    /// the buffer's end. Otherwise two tensors share bytes, or bytes belong to no tensor: a corrupt or hand-made file
    /// whose weights cannot be trusted.
    /// </summary>
    private static void CheckContiguous(List<SafetensorsTensorInfo> tensors, long bufferLength, string path)
    {
        SafetensorsTensorInfo? previous = null;
        foreach (SafetensorsTensorInfo tensor in tensors.OrderBy(tensor => tensor.Begin).ThenBy(tensor => tensor.End))
        {
            long expectedBegin = previous?.End ?? 0;
            if (tensor.Begin < expectedBegin)
            {
                throw Malformed(
                    path,
                    $"tensors '{previous!.Name}' (bytes {previous.Begin} to {previous.End}) and '{tensor.Name}' (bytes {tensor.Begin} to {tensor.End}) overlap; "
                    + "the format requires each tensor's data to follow the previous one's, without overlap or gap.");
            }

            if (tensor.Begin > expectedBegin)
            {
                throw Malformed(
                    path,
                    $"bytes {expectedBegin} to {tensor.Begin} of the buffer, before tensor '{tensor.Name}', belong to no tensor; "
                    + "the format requires each tensor's data to follow the previous one's, without overlap or gap.");
            }

            previous = tensor;
        }

        long end = previous?.End ?? 0;
        if (end != bufferLength)
        {
            throw Malformed(path, $"its tensors' data end at byte {end}, but the buffer after the header has {bufferLength} bytes; the format allows none after the last tensor.");
        }
    }

    private static SafetensorsException Malformed(string path, string problem) => new(path, [$"It is not a valid safetensors file: {problem}"]);
}
