using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;

namespace GenNN.Data;

/// <summary>
/// A gzip file's decompressed content, checked at its end against the file's trailer (the CRC-32 and the length of the
/// data): .NET's <see cref="GZipStream"/> takes a file cut short inside its compressed data for a complete one, which
/// a reader would then take for a file with fewer rows. A file of several gzip members, which gzip's own tools read as
/// one, is refused too (its trailer covers its last member only): decompress it first.
/// </summary>
internal sealed class CheckedGzipStream : Stream
{
    private const int TrailerLength = 8;

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
            _checked = true;
            CheckTrailer();
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

    private void CheckTrailer()
    {
        Span<byte> trailer = stackalloc byte[TrailerLength];
        bool whole = _file.Length >= TrailerLength;
        if (whole)
        {
            _file.Position = _file.Length - TrailerLength;
            _file.ReadExactly(trailer);
        }

        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(trailer.Slice(4));
        if (!whole || crc != _crc.GetCurrentHashAsUInt32() || length != (uint)_length)
        {
            throw new InvalidDataException(
                $"{_source} is truncated or corrupted: the {_length} bytes it decompresses to do not match the CRC-32 and length "
                + "its gzip trailer gives. (A file of several gzip members is not read either: decompress it first.)");
        }
    }
}
