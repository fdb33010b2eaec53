using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace GenNN.Tests;

/// <summary>Model files rewritten as tests need them (the layout of docs/model-format.md).</summary>
internal static class ModelFileBytes
{
    /// <summary>
    /// The model file <paramref name="file"/> with <paramref name="bytes"/> written at <paramref name="offset"/> and
    /// both checksums made good: a header field as a bug or a hand-made file would write it, past the checksums.
    /// </summary>
    public static byte[] WithBytesAt(byte[] file, int offset, params byte[] bytes)
    {
        byte[] changed = (byte[])file.Clone();
        bytes.CopyTo(changed, offset);
        int headerEnd = 16 + BinaryPrimitives.ReadInt32LittleEndian(changed.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(changed.AsSpan(headerEnd), Crc32.HashToUInt32(changed.AsSpan(0, headerEnd)));
        BinaryPrimitives.WriteUInt32LittleEndian(changed.AsSpan(changed.Length - 4), Crc32.HashToUInt32(changed.AsSpan(0, changed.Length - 4)));
        return changed;
    }

    /// <summary>Where the header's optimizer kind (int32) lies in a file saved with an optimizer; its step count (int64) follows.</summary>
    public static int OptimizerKindOffset(byte[] file)
    {
        int nameLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(16 + 10));
        int signatureAt = 16 + 10 + 4 + nameLength;
        return signatureAt + 4 + BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(signatureAt));
    }

    /// <summary>
    /// The model file <paramref name="file"/>, saved with an optimizer, as format version 2 wrote it: without the
    /// optimizer state's block names that end the header in version 3, its header length and both checksums made good.
    /// </summary>
    public static byte[] AsVersion2(byte[] file)
    {
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(12));
        int namesAt = OptimizerKindOffset(file) + 4 + 8 + 4;
        int namesEnd = 16 + headerLength;
        byte[] rebuilt = [.. file[..namesAt], .. file[namesEnd..^4], 0, 0, 0, 0];
        int newHeaderLength = headerLength - (namesEnd - namesAt);
        BinaryPrimitives.WriteUInt32LittleEndian(rebuilt.AsSpan(8), 2);
        BinaryPrimitives.WriteInt32LittleEndian(rebuilt.AsSpan(12), newHeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(rebuilt.AsSpan(16 + newHeaderLength), Crc32.HashToUInt32(rebuilt.AsSpan(0, 16 + newHeaderLength)));
        BinaryPrimitives.WriteUInt32LittleEndian(rebuilt.AsSpan(rebuilt.Length - 4), Crc32.HashToUInt32(rebuilt.AsSpan(0, rebuilt.Length - 4)));
        return rebuilt;
    }

    /// <summary>The header's precision code (one byte); the flags byte follows.</summary>
    public const int PrecisionOffset = 16;

    /// <summary>
    /// The model file <paramref name="file"/> with its signature replaced by <paramref name="signature"/>, its header
    /// length and both checksums made good: a file as an earlier version, which wrote other signatures, saved it.
    /// </summary>
    public static byte[] WithSignature(byte[] file, string signature)
    {
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(12));
        int nameLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(16 + 10));
        int signatureAt = 16 + 10 + 4 + nameLength;
        int oldLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(signatureAt));
        byte[] text = Encoding.UTF8.GetBytes(signature);
        byte[] length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, text.Length);
        byte[] rebuilt = [.. file[..signatureAt], .. length, .. text, .. file[(signatureAt + 4 + oldLength)..^4], 0, 0, 0, 0];
        int newHeaderLength = headerLength + text.Length - oldLength;
        BinaryPrimitives.WriteInt32LittleEndian(rebuilt.AsSpan(12), newHeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(rebuilt.AsSpan(16 + newHeaderLength), Crc32.HashToUInt32(rebuilt.AsSpan(0, 16 + newHeaderLength)));
        BinaryPrimitives.WriteUInt32LittleEndian(rebuilt.AsSpan(rebuilt.Length - 4), Crc32.HashToUInt32(rebuilt.AsSpan(0, rebuilt.Length - 4)));
        return rebuilt;
    }
}
