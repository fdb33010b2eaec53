using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;

namespace GenNN.Data;

/// <summary>
/// Reads IDX files, the format of MNIST, Fashion-MNIST, KMNIST and EMNIST, raw or gzip-compressed.
/// </summary>
/// <remarks>
/// An IDX file is a 4-byte magic number <c>00 00 TT DD</c> (<c>TT</c> the element type, <c>DD</c> the number of
/// dimensions), then one big-endian 32-bit size per dimension, then the values row-major. The MNIST family only
/// stores unsigned bytes (<c>TT = 0x08</c>), which is what this reader accepts. Compression is recognized from the
/// gzip signature rather than the file name, so a renamed file still reads.
/// </remarks>
public static class IdxFile
{
    /// <summary>The element type code of unsigned bytes.</summary>
    public const byte UnsignedByteType = 0x08;

    /// <summary>Reads an IDX file of unsigned bytes, raw or gzip-compressed.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expectedDimensions">
    /// The number of dimensions the caller needs (3 for images, 1 for labels); any other count is an error.
    /// </param>
    /// <exception cref="InvalidDataException">
    /// The file is not an IDX file of unsigned bytes, has another number of dimensions, or is truncated or followed by
    /// extra bytes. The message names the file and what is wrong.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IdxArray Read(string path, int expectedDimensions)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream file = File.OpenRead(path);
        return Read(file, expectedDimensions, path);
    }

    /// <summary>Reads an IDX stream of unsigned bytes, raw or gzip-compressed.</summary>
    /// <param name="stream">The stream, seekable (so the gzip signature can be checked) and positioned at the start of the file.</param>
    /// <param name="expectedDimensions">The number of dimensions the caller needs.</param>
    /// <param name="sourceName">Names the data in error messages (usually the path).</param>
    /// <exception cref="InvalidDataException">The data is malformed; see <see cref="Read(string, int)"/>.</exception>
    public static IdxArray Read(Stream stream, int expectedDimensions, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedDimensions);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The stream must support seeking, so the gzip signature can be checked.", nameof(stream));
        }

        bool compressed = GzipSignature.IsPresent(stream);
        string source = compressed ? $"'{sourceName}' (gzip)" : $"'{sourceName}'";
        using CheckedGzipStream? decompressed = compressed ? new CheckedGzipStream(stream, source) : null;
        Stream content = decompressed ?? stream;

        Span<byte> magic = stackalloc byte[4];
        ReadHeader(content, magic, source, "the 4-byte magic number");
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new InvalidDataException(
                $"{source} is not an IDX file: it starts with 0x{Convert.ToHexString(magic)}, but IDX files start with two zero bytes.");
        }

        if (magic[2] != UnsignedByteType)
        {
            throw new InvalidDataException(
                $"{source} holds IDX element type 0x{magic[2]:X2}; only unsigned bytes (0x08), as in the MNIST family, are supported.");
        }

        int dimensionCount = magic[3];
        if (dimensionCount != expectedDimensions)
        {
            throw new InvalidDataException(
                $"{source} has {dimensionCount} dimension(s) (magic 0x{Convert.ToHexString(magic)}), but {expectedDimensions} were expected "
                + $"(magic 0x0000{UnsignedByteType:X2}{expectedDimensions:X2}): images have 3 (count, rows, columns), labels 1.");
        }

        var dimensions = new int[dimensionCount];
        Span<byte> size = stackalloc byte[4];
        for (int d = 0; d < dimensionCount; d++)
        {
            ReadHeader(content, size, source, $"the size of dimension {d}");
            int value = BinaryPrimitives.ReadInt32BigEndian(size);
            if (value < 0)
            {
                throw new InvalidDataException($"{source} declares a negative size ({value}) for dimension {d}.");
            }

            dimensions[d] = value;
        }

        long total = ValueCount(dimensions);
        if (total > Array.MaxLength)
        {
            throw new InvalidDataException(
                $"{source} declares dimensions {Describe(dimensions)}, more values than an array can hold ({Array.MaxLength}).");
        }

        // A raw file's length is known: a header that declares more values than follow it (a truncated or corrupt
        // file) is refused before the values' array is allocated, however large it claims to be.
        if (!compressed && total > stream.Length - stream.Position)
        {
            throw Truncated(source, dimensions, total, stream.Length - stream.Position);
        }

        byte[] values;
        int read;
        if (compressed)
        {
            values = ReadGrowing(content, (int)total, out read);
        }
        else
        {
            values = new byte[total];
            read = content.ReadAtLeast(values, values.Length, throwOnEndOfStream: false);
        }

        if (read < total)
        {
            throw Truncated(source, dimensions, total, read);
        }

        if (content.ReadByte() >= 0)
        {
            throw new InvalidDataException(
                $"{source} has bytes after the {values.Length} its dimensions {Describe(dimensions)} declare: the header does not match the data.");
        }

        return new IdxArray(dimensions, values);
    }

    /// <summary>The product of the dimensions, or <see cref="Array.MaxLength"/> + 1 if it is larger than that.</summary>
    private static long ValueCount(int[] dimensions)
    {
        if (Array.IndexOf(dimensions, 0) >= 0)
        {
            return 0;
        }

        long total = 1;
        foreach (int dimension in dimensions)
        {
            // Every factor is below 2^31, so the product stays in range while it is at most Array.MaxLength.
            total = Math.Min(total * dimension, (long)Array.MaxLength + 1);
        }

        return total;
    }

    /// <summary>
    /// Reads up to <paramref name="count"/> bytes from a stream of unknown length (decompressed gzip), growing the
    /// buffer as data arrives, so a header that declares far more values than the file holds costs no more memory
    /// than the data there is. <paramref name="read"/> falls short of <paramref name="count"/> when the stream ends first.
    /// </summary>
    private static byte[] ReadGrowing(Stream content, int count, out int read)
    {
        const int InitialCapacity = 1 << 20;
        var buffer = new byte[Math.Min(count, InitialCapacity)];
        read = 0;
        while (true)
        {
            read += content.ReadAtLeast(buffer.AsSpan(read), buffer.Length - read, throwOnEndOfStream: false);
            if (read < buffer.Length || buffer.Length == count)
            {
                return buffer;
            }

            Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, count));
        }
    }

    private static InvalidDataException Truncated(string source, int[] dimensions, long needed, long available) =>
        new($"{source} is truncated: its dimensions {Describe(dimensions)} need {needed} bytes of data, but only {available} follow the header.");

    private static void ReadHeader(Stream content, Span<byte> destination, string source, string what)
    {
        int read = content.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        if (read < destination.Length)
        {
            throw new InvalidDataException($"{source} is truncated: it ends inside the header, in {what}.");
        }
    }

    private static string Describe(int[] dimensions) =>
        string.Join(" x ", Array.ConvertAll(dimensions, d => d.ToString(CultureInfo.InvariantCulture)));
}
