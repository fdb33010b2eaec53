using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace GenNN.Tests.Data;

/// <summary>Builds IDX files in memory, well-formed or deliberately not, so the tests need no real data set.</summary>
internal static class IdxBytes
{
    /// <summary>An IDX file: magic <c>00 00 type count</c>, big-endian sizes, then <paramref name="values"/>.</summary>
    public static byte[] Build(int[] dimensions, byte[] values, byte typeCode = 0x08)
    {
        var bytes = new byte[4 + (4 * dimensions.Length) + values.Length];
        bytes[2] = typeCode;
        bytes[3] = (byte)dimensions.Length;
        for (int d = 0; d < dimensions.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * d)), dimensions[d]);
        }

        values.CopyTo(bytes, 4 + (4 * dimensions.Length));
        return bytes;
    }

    /// <summary><paramref name="count"/> images of <paramref name="rows"/> × <paramref name="columns"/>; pixel j of image i is (i·7 + j) mod 256.</summary>
    public static byte[] Images(int count, int rows = 28, int columns = 28)
    {
        var values = new byte[count * rows * columns];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < rows * columns; j++)
            {
                values[(i * rows * columns) + j] = (byte)(((i * 7) + j) % 256);
            }
        }

        return Build([count, rows, columns], values);
    }

    /// <summary>A labels file holding <paramref name="labels"/>.</summary>
    public static byte[] Labels(params byte[] labels) => Build([labels.Length], labels);

    /// <summary>Gzip-compresses <paramref name="bytes"/>, as the MNIST downloads are.</summary>
    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
