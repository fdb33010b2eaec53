using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Linq;
using System.Numerics;
using System.Text;
using GenNN.Training;

namespace GenNN.Serialization;

/// <summary>
/// Encodes and decodes the GenNN model file format, version 3, and decodes versions 1 and 2 (docs/model-format.md).
/// Every number is little-endian:
/// <code>
/// offset        size   field
/// 0             8      magic 89 47 4E 4E 0D 0A 1A 0A ("\x89GNN\r\n\x1A\n")
/// 8             4      format version (uint32): 3 (1 or 2 in files of older GenNN versions)
/// 12            4      header length H (uint32): the bytes from offset 16 to the header checksum
/// 16            H      header:
///                        1  precision: 0 = float32, 1 = float64
///                        1  flags: bit 0 set = optimizer state present; other bits 0
///                        4  parameter count P (int32)
///                        4  buffer count B (int32); from version 2 (version 1 stores no buffers: B = 0)
///                        4 + n  network class name (int32 byte count, UTF-8)
///                        4 + n  network signature (int32 byte count, UTF-8), e.g. Input(2)|Dense(2->16)|Dense(16->1)
///                        if bit 0: 4 optimizer kind (int32, GenNN.Training.OptimizerKind), 8 step count (int64),
///                                  4 optimizer state length S (int32),
///                                  4 + n  state block names, joined by '|' (int32 byte count, UTF-8); version 3 only
/// 16 + H        4      header CRC-32 of bytes 0 to 16 + H
/// 20 + H        P·E    parameters (E = 4 or 8 bytes, IEEE 754), in INetwork.Parameters order
/// ...           B·E    buffers, in INetwork.Buffers order
/// ...           S·E    optimizer state, in Optimizer.State order (only with bit 0)
/// end − 4       4      CRC-32 of every byte before it
/// </code>
/// Both checksums are CRC-32/ISO-HDLC, as zlib and PNG use. The header's own checksum makes its lengths trustworthy
/// before they are used, so a file that is cut short is told apart from one whose bytes were altered.
/// </summary>
internal static class ModelFileFormat
{
    /// <summary>The version this library writes, and the newest it reads.</summary>
    public const int CurrentVersion = 3;

    /// <summary>The first version with buffers (BatchNorm's running statistics); version 1 files have none.</summary>
    private const int BuffersVersion = 2;

    /// <summary>
    /// The first version that names the optimizer state's blocks: before it, RMSprop's state with momentum and its
    /// state centered (both twice the parameters) could not be told apart.
    /// </summary>
    private const int StateNamesVersion = 3;

    /// <summary>Separates the optimizer state's block names in the header.</summary>
    public const char StateNameSeparator = '|';

    private const int PrefixLength = 16;
    private const int ChecksumLength = 4;

    /// <summary>Far above any real header (two names and a signature), so a damaged length is caught as such.</summary>
    private const int MaxHeaderLength = 1 << 20;
    private const byte OptimizerFlag = 0x01;

    /// <summary>
    /// The first 8 bytes of every model file. The non-ASCII first byte keeps the file from passing for text, and the
    /// CR LF, end-of-file and LF bytes make a text-mode transfer that rewrites line endings show up at once (PNG's trick).
    /// </summary>
    private static ReadOnlySpan<byte> Magic => [0x89, (byte)'G', (byte)'N', (byte)'N', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Whether <paramref name="file"/> starts as a model file does, for readers of other formats to name the mix-up.</summary>
    public static bool StartsWithMagic(ReadOnlySpan<byte> file) => file.StartsWith(Magic);

    /// <summary>The names of <paramref name="optimizer"/>'s state blocks as the header holds them: <c>exp_avg|exp_avg_sq</c>.</summary>
    public static string StateNamesOf<T>(Optimizer<T> optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
        => string.Join(StateNameSeparator, optimizer.StateNames);

    /// <summary>Encodes a complete model file in the current version.</summary>
    public static byte[] Encode<T>(NetworkDescription description, ReadOnlySpan<T> parameters, ReadOnlySpan<T> buffers, OptimizerSection<T> optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Precision precision = LittleEndianElements.PrecisionOf<T>();
        int elementSize = LittleEndianElements.SizeOf(precision);
        byte[] name = Encoding.UTF8.GetBytes(description.Name);
        byte[] signature = Encoding.UTF8.GetBytes(description.Signature);
        byte[] stateNames = optimizer.IsPresent ? Encoding.UTF8.GetBytes(optimizer.StateNames) : [];
        int headerLength = 1 + 1 + 4 + 4 + (4 + name.Length) + (4 + signature.Length) + (optimizer.IsPresent ? 4 + 8 + 4 + 4 + stateNames.Length : 0);
        long values = (long)parameters.Length + buffers.Length + optimizer.State.Length;
        long total = PrefixLength + headerLength + ChecksumLength + (values * elementSize) + ChecksumLength;
        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"The model needs {total} bytes, more than one file buffer can hold.");
        }

        var bytes = new byte[total];
        var writer = new SpanWriter(bytes);
        writer.Bytes(Magic);
        writer.Int32(CurrentVersion);
        writer.Int32(headerLength);
        writer.Byte((byte)precision);
        writer.Byte(optimizer.IsPresent ? OptimizerFlag : (byte)0);
        writer.Int32(parameters.Length);
        writer.Int32(buffers.Length);
        writer.Int32(name.Length);
        writer.Bytes(name);
        writer.Int32(signature.Length);
        writer.Bytes(signature);
        if (optimizer.IsPresent)
        {
            writer.Int32((int)optimizer.Kind);
            writer.Int64(optimizer.StepCount);
            writer.Int32(optimizer.State.Length);
            writer.Int32(stateNames.Length);
            writer.Bytes(stateNames);
        }

        writer.UInt32(Crc32.HashToUInt32(bytes.AsSpan(0, PrefixLength + headerLength)));
        writer.Elements(parameters);
        writer.Elements(buffers);
        writer.Elements(optimizer.State);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - ChecksumLength), Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - ChecksumLength)));
        return bytes;
    }

    /// <summary>
    /// Checks a whole file's structure and checksum and returns what it holds; throws <see cref="ModelFileException"/>
    /// with <see cref="ModelFileError.NotAModelFile"/>, <see cref="ModelFileError.UnsupportedVersion"/>,
    /// <see cref="ModelFileError.Truncated"/> or <see cref="ModelFileError.Corrupted"/> otherwise.
    /// </summary>
    public static DecodedModelFile Decode(byte[] bytes, string path)
    {
        ReadOnlySpan<byte> magic = Magic;
        int magicBytes = Math.Min(bytes.Length, magic.Length);
        if (!bytes.AsSpan(0, magicBytes).SequenceEqual(magic.Slice(0, magicBytes)))
        {
            throw new ModelFileException(
                ModelFileError.NotAModelFile,
                path,
                SafetensorsCodec.LooksLikeSafetensors(bytes)
                    ? "it is a safetensors file, not a GenNN model file: import it with Safetensors.Import (Safetensors.ReadHeader reads its header)."
                    : $"it is not a GenNN model file (it starts with {Convert.ToHexString(bytes.AsSpan(0, magicBytes))}, not {Convert.ToHexString(magic)}).");
        }

        if (bytes.Length < PrefixLength)
        {
            throw Truncated(path, bytes.Length, "it ends inside the fixed 16-byte prefix");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (version == 0)
        {
            throw new ModelFileException(ModelFileError.Corrupted, path, "its format version is 0, which no GenNN writes: the file is damaged.");
        }

        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        long headerEnd = PrefixLength + (long)headerLength;
        bool headerInFile = headerLength <= MaxHeaderLength && bytes.Length >= headerEnd + ChecksumLength;
        bool headerIntact = headerInFile && Crc32.HashToUInt32(bytes.AsSpan(0, (int)headerEnd)) == BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)headerEnd));

        // Every version keeps this prefix and the header checksum after the header, which covers the version field:
        // a newer version is believed only when that checksum matches or cannot be found (one flipped bit in the
        // version made "update GenNN" of a damaged file).
        if (version > CurrentVersion && (headerIntact || !headerInFile))
        {
            throw new ModelFileException(
                ModelFileError.UnsupportedVersion,
                path,
                $"it is in format version {version}, but this version of GenNN reads versions up to {CurrentVersion}; update GenNN to load it.");
        }

        if (headerLength > MaxHeaderLength)
        {
            throw Corrupted(path, $"its header length {headerLength} is implausible (at most {MaxHeaderLength})");
        }

        if (!headerInFile)
        {
            throw Truncated(path, bytes.Length, $"it ends inside the {headerLength}-byte header or its checksum, or its header length is damaged");
        }

        if (!headerIntact)
        {
            throw Corrupted(path, "its header's CRC-32 checksum does not match the header");
        }

        var reader = new HeaderReader(bytes.AsSpan(PrefixLength, (int)headerLength), path);
        DecodedModelFile decoded = reader.Read((int)version);
        int payloadOffset = (int)headerEnd + ChecksumLength;
        long expectedLength = payloadOffset
            + (((long)decoded.Info.ParameterCount + decoded.Info.BufferCount + decoded.Info.OptimizerStateLength) * LittleEndianElements.SizeOf(decoded.Info.Precision))
            + ChecksumLength;
        if (bytes.Length < expectedLength)
        {
            throw Truncated(path, bytes.Length, $"its header declares {expectedLength} bytes");
        }

        if (bytes.Length > expectedLength)
        {
            throw Corrupted(path, $"it has {bytes.Length - expectedLength} bytes after the end its header declares");
        }

        int contentLength = bytes.Length - ChecksumLength;
        if (Crc32.HashToUInt32(bytes.AsSpan(0, contentLength)) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(contentLength)))
        {
            throw Corrupted(path, "its CRC-32 checksum does not match its contents");
        }

        return decoded with { PayloadOffset = payloadOffset };
    }

    private static ModelFileException Truncated(string path, int length, string detail) =>
        new(ModelFileError.Truncated, path, $"the file is truncated ({length} bytes; {detail}): an interrupted copy or download?");

    private static ModelFileException Corrupted(string path, string detail) =>
        new(ModelFileError.Corrupted, path, $"the file is corrupted: {detail}.");

    /// <summary>Fills a byte array front to back.</summary>
    private ref struct SpanWriter
    {
        private readonly Span<byte> _bytes;
        private int _position;

        public SpanWriter(Span<byte> bytes)
        {
            _bytes = bytes;
            _position = 0;
        }

        public void Byte(byte value) => _bytes[_position++] = value;

        public void Int32(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_bytes.Slice(_position), value);
            _position += sizeof(int);
        }

        public void UInt32(uint value)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_bytes.Slice(_position), value);
            _position += sizeof(uint);
        }

        public void Int64(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_bytes.Slice(_position), value);
            _position += sizeof(long);
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_bytes.Slice(_position));
            _position += value.Length;
        }

        public void Elements<T>(ReadOnlySpan<T> values)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int length = values.Length * LittleEndianElements.SizeOf(LittleEndianElements.PrecisionOf<T>());
            LittleEndianElements.Write(values, _bytes.Slice(_position, length));
            _position += length;
        }
    }

    /// <summary>Reads the header's fields, reporting any that do not fit as damage.</summary>
    private ref struct HeaderReader
    {
        private readonly ReadOnlySpan<byte> _header;
        private readonly string _path;
        private int _position;

        public HeaderReader(ReadOnlySpan<byte> header, string path)
        {
            _header = header;
            _path = path;
            _position = 0;
        }

        public DecodedModelFile Read(int version)
        {
            byte precision = Take(1, "precision")[0];
            if (precision > (byte)Precision.Double)
            {
                throw Corrupted(_path, $"its precision code {precision} is neither 0 (float32) nor 1 (float64)");
            }

            byte flags = Take(1, "flags")[0];
            if ((flags & ~OptimizerFlag) != 0)
            {
                throw Corrupted(_path, $"its flags 0x{flags:X2} set bits that version {version} does not define");
            }

            int parameterCount = NonNegative(Int32("parameter count"), "parameter count");
            int bufferCount = version >= BuffersVersion ? NonNegative(Int32("buffer count"), "buffer count") : 0;
            string name = Text("network name");
            string signature = NetworkDescription.AsThisVersionWrites(Text("signature"));
            OptimizerKind? optimizer = null;
            long stepCount = 0;
            int stateLength = 0;
            string? stateNames = null;
            if ((flags & OptimizerFlag) != 0)
            {
                optimizer = (OptimizerKind)Int32("optimizer kind");
                if (!Enum.IsDefined(optimizer.Value))
                {
                    throw Corrupted(_path, $"its optimizer kind {(int)optimizer.Value} is not one GenNN knows");
                }

                stepCount = BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long), "optimizer step count"));
                if (stepCount < 0)
                {
                    throw Corrupted(_path, $"its optimizer step count is negative ({stepCount})");
                }

                stateLength = NonNegative(Int32("optimizer state length"), "optimizer state length");
                if (version >= StateNamesVersion)
                {
                    stateNames = Text("optimizer state names");
                    string[] blocks = stateNames.Length == 0 ? [] : stateNames.Split(StateNameSeparator);
                    if (Array.Exists(blocks, block => block.Length == 0) || blocks.Distinct().Count() != blocks.Length)
                    {
                        throw Corrupted(_path, $"its optimizer state names '{stateNames}' have an empty or repeated name");
                    }

                    if ((long)blocks.Length * parameterCount != stateLength)
                    {
                        throw Corrupted(_path, $"its optimizer state of {stateLength} values is not one block of {parameterCount} parameters per name in '{stateNames}'");
                    }
                }
            }

            if (_position != _header.Length)
            {
                throw Corrupted(_path, $"its header has {_header.Length - _position} bytes after its last field");
            }

            var info = new ModelFileInfo(version, name, signature, (Precision)precision, parameterCount, bufferCount, optimizer, stepCount, stateLength, stateNames);
            return new DecodedModelFile(info, PayloadOffset: 0);
        }

        private ReadOnlySpan<byte> Take(int length, string field)
        {
            if (length > _header.Length - _position)
            {
                throw Corrupted(_path, $"its {field} runs past the end of the header");
            }

            ReadOnlySpan<byte> bytes = _header.Slice(_position, length);
            _position += length;
            return bytes;
        }

        private int Int32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int), field));

        private string Text(string field)
        {
            int length = NonNegative(Int32(field + " length"), field + " length");
            try
            {
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(Take(length, field));
            }
            catch (DecoderFallbackException exception)
            {
                throw new ModelFileException(ModelFileError.Corrupted, _path, $"the file is corrupted: its {field} is not valid UTF-8.", exception);
            }
        }

        private readonly int NonNegative(int value, string field) =>
            value >= 0 ? value : throw Corrupted(_path, $"its {field} is negative ({value})");
    }
}
