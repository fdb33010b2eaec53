using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GenNN.Generator.Tests.Infrastructure;

/// <summary>
/// Weights files for generator tests: safetensors bytes written by hand (so a test can make any flaw), and the
/// AdditionalFiles item GenNN.targets would hand the compiler for a file (its path line, then base64).
/// </summary>
internal static class WeightsFiles
{
    /// <summary>The encoded AdditionalFiles item for a weights file at project-relative <paramref name="path"/>.</summary>
    public static AdditionalText Encoded(string path, byte[] content)
        => new InMemoryText(
            "/project/obj/GenNN/" + path.Replace('/', '_') + ".gennn-weights.txt",
            "GenNN weights file: " + path + "\n" + Convert.ToBase64String(content) + "\n");

    /// <summary>A safetensors file holding <paramref name="tensors"/>, their data end to end in the order given.</summary>
    public static byte[] Safetensors(params Tensor[] tensors)
    {
        var json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        foreach (Tensor tensor in tensors)
        {
            json.Append(CultureInfo.InvariantCulture, $",\"{tensor.Name}\":{{\"dtype\":\"{tensor.DataType}\",\"shape\":[{string.Join(",", tensor.Shape)}],\"data_offsets\":[{offset},{offset + tensor.Data.Length}]}}");
            offset += tensor.Data.Length;
        }

        json.Append('}');
        byte[] header = Encoding.UTF8.GetBytes(json.ToString());
        using var stream = new MemoryStream();
        stream.Write(BitConverter.GetBytes((ulong)header.Length));
        stream.Write(header);
        foreach (Tensor tensor in tensors)
        {
            stream.Write(tensor.Data);
        }

        return stream.ToArray();
    }

    /// <summary>An F32 tensor of <paramref name="shape"/> with values 0.5, 1.5, 2.5, ... (or <paramref name="values"/>).</summary>
    public static Tensor F32(string name, int[] shape, float[]? values = null)
    {
        float[] data = values ?? Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(i => i + 0.5f).ToArray();
        return new Tensor(name, "F32", shape, data.SelectMany(BitConverter.GetBytes).ToArray());
    }

    /// <summary>One tensor of a hand-made safetensors file: any dtype, any shape, any bytes.</summary>
    public sealed record Tensor(string Name, string DataType, int[] Shape, byte[] Data);

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }
}
