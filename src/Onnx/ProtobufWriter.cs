using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace GenNN.Onnx;

/// <summary>
/// Writes one protocol-buffers message in the binary wire format: each field is a tag (field number and wire type,
/// as a varint) followed by its value. Only what ONNX models need is here: varints, 32-bit floats, and
/// length-delimited strings, bytes and nested messages. A nested message is written into its own writer first,
/// because its length prefix must precede it.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int WireTypeVarint = 0;
    private const int WireTypeLengthDelimited = 2;
    private const int WireTypeFixed32 = 5;

    private readonly ArrayBufferWriter<byte> buffer = new();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => buffer.WrittenSpan;

    /// <summary>Writes an <c>int32</c>, <c>int64</c> or enum field. Negative values take ten bytes, as the format requires.</summary>
    public void WriteInt64(int fieldNumber, long value)
    {
        WriteTag(fieldNumber, WireTypeVarint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>Writes a <c>float</c> field (fixed 32 bits, little-endian).</summary>
    public void WriteFloat(int fieldNumber, float value)
    {
        WriteTag(fieldNumber, WireTypeFixed32);
        BinaryPrimitives.WriteSingleLittleEndian(buffer.GetSpan(sizeof(float)), value);
        buffer.Advance(sizeof(float));
    }

    /// <summary>Writes a <c>string</c> field, UTF-8 encoded.</summary>
    public void WriteString(int fieldNumber, string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        WriteLengthPrefix(fieldNumber, length);
        int written = Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(written);
    }

    /// <summary>
    /// Writes the tag and length of a <c>bytes</c> field of <paramref name="length"/> bytes and returns the space
    /// for its contents, which the caller fills before writing anything else.
    /// </summary>
    public Span<byte> WriteBytes(int fieldNumber, int length)
    {
        WriteLengthPrefix(fieldNumber, length);
        Span<byte> contents = buffer.GetSpan(length).Slice(0, length);
        buffer.Advance(length);
        return contents;
    }

    /// <summary>Writes an embedded message field holding what <paramref name="message"/> wrote.</summary>
    public void WriteMessage(int fieldNumber, ProtobufWriter message)
    {
        ReadOnlySpan<byte> contents = message.WrittenSpan;
        WriteLengthPrefix(fieldNumber, contents.Length);
        buffer.Write(contents);
    }

    private void WriteLengthPrefix(int fieldNumber, int length)
    {
        WriteTag(fieldNumber, WireTypeLengthDelimited);
        WriteVarint((ulong)length);
    }

    private void WriteTag(int fieldNumber, int wireType) => WriteVarint(((ulong)fieldNumber << 3) | (uint)wireType);

    /// <summary>Seven bits per byte, least significant group first; the high bit says that another byte follows.</summary>
    private void WriteVarint(ulong value)
    {
        const int MaxVarintBytes = 10;
        Span<byte> destination = buffer.GetSpan(MaxVarintBytes);
        int count = 0;
        while (value >= 0x80)
        {
            destination[count++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[count++] = (byte)value;
        buffer.Advance(count);
    }
}
