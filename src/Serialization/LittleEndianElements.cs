using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace GenNN.Serialization;

/// <summary>
/// Converts parameter values to and from the little-endian IEEE 754 bytes every GenNN file stores, on any host:
/// a plain copy on little-endian machines, a byte swap per element elsewhere.
/// </summary>
internal static class LittleEndianElements
{
    /// <summary>The precision of <typeparamref name="T"/>.</summary>
    public static Precision PrecisionOf<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Precision.Single
            : typeof(T) == typeof(double) ? Precision.Double
            : throw new NotSupportedException($"GenNN stores float and double values, not {typeof(T).Name}.");

    /// <summary>The bytes of one element of <paramref name="precision"/>.</summary>
    public static int SizeOf(Precision precision) => precision == Precision.Double ? sizeof(double) : sizeof(float);

    /// <summary>Writes <paramref name="values"/> into <paramref name="destination"/> (exactly their byte length).</summary>
    public static void Write<T>(ReadOnlySpan<T> values, Span<byte> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(destination);
            return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (typeof(T) == typeof(float))
            {
                BinaryPrimitives.WriteSingleLittleEndian(destination.Slice(i * sizeof(float)), float.CreateTruncating(values[i]));
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(destination.Slice(i * sizeof(double)), double.CreateTruncating(values[i]));
            }
        }
    }

    /// <summary>
    /// Reads <paramref name="destination"/>'s length of elements stored in <paramref name="sourcePrecision"/>,
    /// converting to <typeparamref name="T"/> when the precisions differ (rounding to nearest when narrowing).
    /// </summary>
    public static void Read<T>(ReadOnlySpan<byte> source, Precision sourcePrecision, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (BitConverter.IsLittleEndian && sourcePrecision == PrecisionOf<T>())
        {
            source.Slice(0, destination.Length * SizeOf(sourcePrecision)).CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = sourcePrecision == Precision.Single
                ? T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(source.Slice(i * sizeof(float))))
                : T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(source.Slice(i * sizeof(double))));
        }
    }
}
