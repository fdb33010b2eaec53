using System;
using System.IO;

namespace GenNN.Data;

/// <summary>Tells gzip-compressed files by their first two bytes rather than their names, so renamed files still read.</summary>
internal static class GzipSignature
{
    /// <summary>Whether <paramref name="stream"/> starts, at its current position, with gzip's signature <c>1F 8B</c>; the position is left unchanged.</summary>
    public static bool IsPresent(Stream stream)
    {
        Span<byte> signature = stackalloc byte[2];
        long start = stream.Position;
        int read = stream.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
        stream.Position = start;
        return read == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
    }
}
