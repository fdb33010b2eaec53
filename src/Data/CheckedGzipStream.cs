using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;

namespace GenNN.Data;

/// <summary>
/// A gzip file's decompressed content, checked at its end against the file's trailer (the CRC-32 and the length of the
/// data): .NET's <see cref="GZipStream"/> takes a file cut short inside its compressed data for a complete one, which
/// a reader would then take for a file with fewer rows (it checks the trailer of every member it finishes, but not
/// that it finished the last). Bytes after the trailer, which gzip's own tools ignore (padding), are allowed: the
/// trailer is looked for from the end. A file of several gzip members, which gzip's tools read as one, is refused
/// (no trailer covers all its data): decompress it first.
/// </summary>
internal sealed class CheckedGzipStream : Stream
{
    private const int TrailerLength = 8;

    /// <summary>How much of the file is read at a time when the trailer is not its last 8 bytes.</summary>
    private const int SearchWindow = 1 << 16;

    private readonly Stream _file;
    private readonly GZipStream _gzip;
    private readonly string _source;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _checked;

    /// <summary>Decompresses <paramref name="file"/> (seekable, at the start of the gzip data), named <paramref name="source"/> in errors.</summary>
    public CheckedGzipStream(Stream file, string source)
    {
        _file = file;
        _source = source;
        _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException($"{_source} is not valid gzip data (truncated or corrupted?): {exception.Message}", exception);
        }

        if (read > 0)
        {
            _crc.Append(buffer.Slice(0, read));
            _length += read;
        }
        else if (buffer.Length > 0 && !_checked)
        {
            CheckTrailer();
            _checked = true;
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Throws unless the file holds the trailer of the data read: its CRC-32 and its length mod 2^32.</summary>
    private void CheckTrailer()
    {
        Span<byte> trailer = stackalloc byte[TrailerLength];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.Slice(4), (uint)_length);
        if (!EndsWithTrailer(trailer))
        {
            throw new InvalidDataException(
                $"{_source} is cut short or corrupted, or holds several gzip members: the {_length} bytes it decompresses to match no "
                + "CRC-32 and length in a gzip trailer. (A file of several members is not read: decompress it first.)");
        }
    }

    /// <summary>
    /// Whether <paramref name="trailer"/> stands in the file: normally its last 8 bytes, else, after padding, further
    /// back (a wrong match would take a 64-bit coincidence).
    /// </summary>
    private bool EndsWithTrailer(ReadOnlySpan<byte> trailer)
    {
        byte[] window = new byte[SearchWindow];
        long end = _file.Length;
        while (end >= TrailerLength)
        {
            long start = Math.Max(0, end - SearchWindow);
            Span<byte> bytes = window.AsSpan(0, (int)(end - start));
            _file.Position = start;
            _file.ReadExactly(bytes);
            if (bytes.LastIndexOf(trailer) >= 0)
            {
                return true;
            }

            if (start == 0)
            {
                return false;
            }

            // The next window overlaps this one by 7 bytes, so a trailer across the boundary is found.
            end = start + TrailerLength - 1;
        }

        return false;
    }
}
