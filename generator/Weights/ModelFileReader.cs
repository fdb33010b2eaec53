using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GenNN.Generator.Weights;

/// <summary>What a GenNN model file's header declares, and where its values start.</summary>
internal sealed record ModelFileContent(int Version, bool IsDouble, int ParameterCount, int BufferCount, string NetworkName, string Signature, int PayloadOffset);

/// <summary>
/// Reads a GenNN model file (docs/model-format.md, versions 1 to 3) with the runtime's <c>ModelFileFormat.Decode</c>
/// checks: magic, a version it knows, the header's and the whole file's CRC-32, well-formed header fields and the
/// exact length they declare. Optimizer state is checked for length (and against its block names) and otherwise ignored: compiled-in weights are
/// for inference or a fresh training run. A violation throws <see cref="FormatException"/> with the problem.
/// </summary>
internal static class ModelFileReader
{
    private const int CurrentVersion = 3;
    private const int BuffersVersion = 2;
    private const int StateNamesVersion = 3;
    private const int PrefixLength = 16;
    private const int ChecksumLength = 4;
    private const int MaxHeaderLength = 1 << 20;
    private const byte OptimizerFlag = 0x01;

    private static readonly byte[] Magic = { 0x89, (byte)'G', (byte)'N', (byte)'N', 0x0D, 0x0A, 0x1A, 0x0A };

    private static bool HasMagic(byte[] file)
    {
        if (file.Length < Magic.Length)
        {
            return false;
        }

        for (int i = 0; i < Magic.Length; i++)
        {
            if (file[i] != Magic[i])
            {
                return false;
            }
        }

        return true;
    }

    public static ModelFileContent Read(byte[] file)
    {
        if (!HasMagic(file))
        {
            throw new FormatException("it is not a GenNN model file (it does not start with the magic 89 47 4E 4E 0D 0A 1A 0A)");
        }

        if (file.Length < PrefixLength)
        {
            throw Truncated(file.Length, "it ends inside the fixed 16-byte prefix");
        }

        uint version = LittleEndianBytes.UInt32(file, 8);
        if (version == 0)
        {
            throw Corrupted("its format version is 0, which no GenNN writes");
        }

        uint headerLength = LittleEndianBytes.UInt32(file, 12);
        long headerEnd = PrefixLength + (long)headerLength;
        bool headerInFile = headerLength <= MaxHeaderLength && file.Length >= headerEnd + ChecksumLength;
        bool headerIntact = headerInFile && Crc32.Of(file, 0, (int)headerEnd) == LittleEndianBytes.UInt32(file, (int)headerEnd);

        // As the runtime reads it: a newer version is believed only when the header checksum, which covers the
        // version field, matches or cannot be found.
        if (version > CurrentVersion && (headerIntact || !headerInFile))
        {
            throw new FormatException($"it is in format version {Text(version)}, but this version of GenNN reads versions up to {Text(CurrentVersion)}; update GenNN");
        }

        if (headerLength > MaxHeaderLength)
        {
            throw Corrupted($"its header length {Text(headerLength)} is implausible (at most {Text(MaxHeaderLength)})");
        }

        if (!headerInFile)
        {
            throw Truncated(file.Length, $"it ends inside the {Text(headerLength)}-byte header or its checksum, or its header length is damaged");
        }

        if (!headerIntact)
        {
            throw Corrupted("its header's CRC-32 checksum does not match the header");
        }

        var header = new HeaderReader(file, PrefixLength, (int)headerEnd);
        byte precision = header.Byte("precision");
        if (precision > 1)
        {
            throw Corrupted($"its precision code {Text(precision)} is neither 0 (float32) nor 1 (float64)");
        }

        byte flags = header.Byte("flags");
        if ((flags & ~OptimizerFlag) != 0)
        {
            throw Corrupted($"its flags 0x{flags.ToString("X2", CultureInfo.InvariantCulture)} set bits that version {Text(version)} does not define");
        }

        int parameters = header.NonNegative("parameter count");
        int buffers = version >= BuffersVersion ? header.NonNegative("buffer count") : 0;
        string name = header.Utf8("network name");
        string signature = NetworkSignature.AsThisVersionWrites(header.Utf8("signature"));
        int state = 0;
        if ((flags & OptimizerFlag) != 0)
        {
            int kind = header.Int32("optimizer kind");
            if (kind < 0 || kind > 4)
            {
                throw Corrupted($"its optimizer kind {Text(kind)} is not one GenNN knows");
            }

            if (header.Int64("optimizer step count") < 0)
            {
                throw Corrupted("its optimizer step count is negative");
            }

            state = header.NonNegative("optimizer state length");
            if (version >= StateNamesVersion)
            {
                string stateNames = header.Utf8("optimizer state names");
                string[] blocks = stateNames.Length == 0 ? new string[0] : stateNames.Split('|');
                if (blocks.Any(block => block.Length == 0) || blocks.Distinct(StringComparer.Ordinal).Count() != blocks.Length)
                {
                    throw Corrupted($"its optimizer state names '{stateNames}' have an empty or repeated name");
                }

                if ((long)blocks.Length * parameters != state)
                {
                    throw Corrupted($"its optimizer state of {Text(state)} values is not one block of {Text(parameters)} parameters per name in '{stateNames}'");
                }
            }
        }

        header.CheckEnd();
        int payload = (int)headerEnd + ChecksumLength;
        long expected = payload + (((long)parameters + buffers + state) * (precision == 1 ? 8 : 4)) + ChecksumLength;
        if (file.Length < expected)
        {
            throw Truncated(file.Length, $"its header declares {Text(expected)} bytes");
        }

        if (file.Length > expected)
        {
            throw Corrupted($"it has {Text(file.Length - expected)} bytes after the end its header declares");
        }

        int content = file.Length - ChecksumLength;
        if (Crc32.Of(file, 0, content) != LittleEndianBytes.UInt32(file, content))
        {
            throw Corrupted("its CRC-32 checksum does not match its contents");
        }

        return new ModelFileContent((int)version, precision == 1, parameters, buffers, name, signature, payload);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static FormatException Truncated(int length, string detail)
        => new($"the file is truncated ({Text(length)} bytes; {detail}): an interrupted copy or download?");

    private static FormatException Corrupted(string detail) => new($"the file is corrupted: {detail}");

    /// <summary>Reads the header's fields front to back, reporting any that runs past its end as corruption.</summary>
    private sealed class HeaderReader(byte[] file, int position, int end)
    {
        private int _position = position;

        public byte Byte(string field) => file[Take(1, field)];

        public int Int32(string field) => LittleEndianBytes.Int32(file, Take(4, field));

        public long Int64(string field) => LittleEndianBytes.Int64(file, Take(8, field));

        public int NonNegative(string field)
        {
            int value = Int32(field);
            return value >= 0 ? value : throw Corrupted($"its {field} is negative ({Text(value)})");
        }

        public string Utf8(string field)
        {
            int length = NonNegative(field + " length");
            int start = Take(length, field);
            try
            {
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(file, start, length);
            }
            catch (DecoderFallbackException)
            {
                throw Corrupted($"its {field} is not valid UTF-8");
            }
        }

        public void CheckEnd()
        {
            if (_position != end)
            {
                throw Corrupted($"its header has {Text(end - _position)} bytes after its last field");
            }
        }

        private int Take(int length, string field)
        {
            if (length > end - _position)
            {
                throw Corrupted($"its {field} runs past the end of the header");
            }

            int start = _position;
            _position += length;
            return start;
        }
    }
}

/// <summary>CRC-32/ISO-HDLC (zlib's, PNG's), which model files use; the generator cannot use System.IO.Hashing.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    public static uint Of(byte[] bytes, int start, int length)
    {
        uint crc = 0xFFFFFFFF;
        for (int i = start; i < start + length; i++)
        {
            crc = Table[(crc ^ bytes[i]) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFF;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
