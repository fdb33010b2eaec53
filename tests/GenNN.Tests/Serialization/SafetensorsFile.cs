using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GenNN.Serialization;

namespace GenNN.Tests.Serialization;

/// <summary>
/// Reads a safetensors file into its entries and writes entries back, so a test can take a file GenNN or TorchSharp
/// wrote and change one tensor's name, type, shape or bytes.
/// </summary>
internal static class SafetensorsFile
{
    /// <summary>One tensor: its name, element type, shape and raw little-endian bytes.</summary>
    public sealed record Entry(string Name, string DataType, long[] Shape, byte[] Data);

    public static List<Entry> Read(string path)
    {
        SafetensorsHeader header = Safetensors.ReadHeader(path);
        byte[] bytes = File.ReadAllBytes(path);
        int bufferStart = 8 + (int)BinaryPrimitives.ReadInt64LittleEndian(bytes);
        return header.Tensors
            .Select(t => new Entry(t.Name, t.DataType, t.Shape.ToArray(), bytes[(bufferStart + (int)t.Begin)..(bufferStart + (int)t.End)]))
            .ToList();
    }

    public static void Write(string path, IEnumerable<Entry> entries)
    {
        var json = new StringBuilder("{");
        var buffer = new MemoryStream();
        foreach (Entry entry in entries)
        {
            long begin = buffer.Length;
            buffer.Write(entry.Data);
            json.Append($"\"{entry.Name}\":{{\"dtype\":\"{entry.DataType}\",\"shape\":[{string.Join(",", entry.Shape)}],\"data_offsets\":[{begin},{buffer.Length}]}},");
        }

        json.Length--;
        json.Append('}');
        byte[] header = Encoding.UTF8.GetBytes(json.ToString());
        var length = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, header.Length);
        File.WriteAllBytes(path, [.. length, .. header, .. buffer.ToArray()]);
    }

    /// <summary>The file's entries with <paramref name="name"/>'s replaced by <paramref name="replace"/>'s result (or removed when it returns null).</summary>
    public static void Change(string path, string name, Func<Entry, Entry?> replace)
    {
        List<Entry> entries = Read(path);
        int index = entries.FindIndex(entry => entry.Name == name);
        if (index < 0)
        {
            throw new ArgumentException($"'{path}' has no tensor '{name}'.", nameof(name));
        }

        Entry? replacement = replace(entries[index]);
        if (replacement is null)
        {
            entries.RemoveAt(index);
        }
        else
        {
            entries[index] = replacement;
        }

        Write(path, entries);
    }
}
