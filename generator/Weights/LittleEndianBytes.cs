using System;

namespace GenNN.Generator.Weights;

/// <summary>Little-endian numbers from a byte array, whatever the machine's order: both file formats are little-endian.</summary>
internal static class LittleEndianBytes
{
    public static int Int32(byte[] bytes, int offset) => BitConverter.ToInt32(Ordered(bytes, offset, 4), OffsetIn(offset));

    public static uint UInt32(byte[] bytes, int offset) => BitConverter.ToUInt32(Ordered(bytes, offset, 4), OffsetIn(offset));

    public static long Int64(byte[] bytes, int offset) => BitConverter.ToInt64(Ordered(bytes, offset, 8), OffsetIn(offset));

    public static float Single(byte[] bytes, int offset) => BitConverter.ToSingle(Ordered(bytes, offset, 4), OffsetIn(offset));

    public static double Double(byte[] bytes, int offset) => BitConverter.ToDouble(Ordered(bytes, offset, 8), OffsetIn(offset));

    /// <summary>On a little-endian machine the array itself (no copy per value); otherwise the value's bytes reversed.</summary>
    private static byte[] Ordered(byte[] bytes, int offset, int length)
    {
        if (BitConverter.IsLittleEndian)
        {
            return bytes;
        }

        var copy = new byte[length];
        Array.Copy(bytes, offset, copy, 0, length);
        Array.Reverse(copy);
        return copy;
    }

    private static int OffsetIn(int offset) => BitConverter.IsLittleEndian ? offset : 0;
}
