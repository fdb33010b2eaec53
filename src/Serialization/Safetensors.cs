using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;

namespace GenNN.Serialization;

/// <summary>
/// Exchanges a network's parameters and buffers with PyTorch through <c>.safetensors</c> files: a generated network
/// exports tensors named and shaped like the <c>state_dict()</c> of the equivalent <c>nn.Sequential</c> (<c>nn.Linear</c>,
/// <c>nn.Conv1d/2d</c>, <c>nn.BatchNorm1d/2d</c> with its running statistics, <c>nn.LayerNorm</c>, <c>nn.RNN</c>,
/// <c>nn.LSTM</c>, <c>nn.GRU</c>, and the parameterless modules between them), and imports such files, so models trained on either side run on the other.
/// </summary>
/// <remarks>
/// <para>Names: see <see cref="TensorNames"/>; <see cref="SafetensorsOptions"/> adds a prefix or names each layer's
/// module for models that are not a plain <c>nn.Sequential</c>.</para>
/// <para>Layout: every tensor has PyTorch's layout but dense weights, which GenNN stores input-major, <c>[in, out]</c>,
/// and the recurrent layers' <c>weight_ih_l0</c> and <c>weight_hh_l0</c>, also stored input-major; export writes and
/// import reads PyTorch's <c>[out, in]</c>, transposing on the way. BatchNorm's
/// <c>num_batches_tracked</c> is an <c>I64</c> scalar of shape <c>[]</c>, as PyTorch saves it.</para>
/// <para>Element types: export writes the network's own precision (<c>F32</c> for float networks, <c>F64</c> for
/// double). Import accepts <c>F32</c> and <c>F64</c>; <c>F32</c> into a double network widens exactly, <c>F64</c>
/// into a float network needs <see cref="SafetensorsOptions.AllowPrecisionLoss"/>. Other types (<c>F16</c>,
/// <c>BF16</c>, integers) are refused, but for the batch count: convert them in PyTorch first (<c>model.float()</c>).</para>
/// <para>Import is all or nothing: every tensor is located, type- and shape-checked and converted into staging
/// buffers first; any missing, misshapen, NaN- or infinity-holding (unless allowed) or (unless ignored) unexpected
/// tensor throws <see cref="SafetensorsException"/> listing all the problems, and the network is left untouched.</para>
/// </remarks>
public static class Safetensors
{
    /// <summary>The element type of BatchNorm's <c>num_batches_tracked</c>: PyTorch's <c>torch.long</c>.</summary>
    private const string CountDataType = "I64";

    /// <summary>
    /// The tensor names of <paramref name="description"/>'s parameters and buffers, in <c>state_dict()</c> order (layer
    /// by layer, parameters then buffers). By default <c>nn.Sequential</c> indices: every module takes an index, and a
    /// dense or convolution layer is followed by its activation module unless Identity, a global average pool is two
    /// modules (<c>nn.AdaptiveAvgPool2d(1)</c>, <c>nn.Flatten()</c>), and every other layer is one; so Linear, Tanh,
    /// Linear, Tanh, Linear gives <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, <c>2.bias</c>, <c>4.weight</c>,
    /// <c>4.bias</c>, and a BatchNorm layer at index 1 gives <c>1.weight</c>, <c>1.bias</c>, <c>1.running_mean</c>,
    /// <c>1.running_var</c>, <c>1.num_batches_tracked</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><see cref="SafetensorsOptions.LayerModules"/> does not name each layer once.</exception>
    /// <exception cref="NotSupportedException">A layer is of a kind PyTorch interop does not know.</exception>
    public static IReadOnlyList<string> TensorNames(NetworkDescription description, SafetensorsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        return TorchLayout.Tensors(description, options ?? new SafetensorsOptions()).Select(tensor => tensor.Name).ToArray();
    }

    /// <summary>Writes <paramref name="network"/>'s parameters and buffers to <paramref name="path"/>, replacing it atomically.</summary>
    /// <exception cref="NotSupportedException">A layer is of a kind PyTorch interop does not know.</exception>
    /// <exception cref="IOException">The file cannot be written; any previous file at <paramref name="path"/> is unchanged.</exception>
    public static void Export<T>(INetwork<T> network, string path, SafetensorsOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        options ??= new SafetensorsOptions();
        NetworkDescription description = network.Description;
        Precision precision = LittleEndianElements.PrecisionOf<T>();
        string dataType = precision == Precision.Double ? "F64" : "F32";
        ReadOnlySpan<T> parameters = network.Parameters;
        ReadOnlySpan<T> buffers = network.Buffers;

        var tensors = new List<(string, string, IReadOnlyList<int>, byte[])>();
        foreach (TorchTensor tensor in TorchLayout.Tensors(description, options))
        {
            ReadOnlySpan<T> stored = (tensor.IsBuffer ? buffers : parameters).Slice(tensor.Stored.Offset, tensor.Stored.Length);
            if (tensor.Conversion == TorchConversion.Count)
            {
                var count = new byte[sizeof(long)];
                BinaryPrimitives.WriteInt64LittleEndian(count, long.CreateSaturating(stored[0]));
                tensors.Add((tensor.Name, CountDataType, tensor.Shape, count));
                continue;
            }

            var values = new T[tensor.Stored.Length];
            TorchLayout.ToTorch(tensor, stored, values);
            var data = new byte[values.Length * LittleEndianElements.SizeOf(precision)];
            LittleEndianElements.Write<T>(values, data);
            tensors.Add((tensor.Name, dataType, tensor.Shape, data));
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = "pt",
            ["gennn.network"] = description.Name,
            ["gennn.signature"] = description.Signature,
        };
        foreach (KeyValuePair<string, string> pair in options.Metadata ?? new Dictionary<string, string>())
        {
            metadata[pair.Key] = pair.Value;
        }

        AtomicFile.Write(path, SafetensorsCodec.Encode(tensors, metadata));
    }

    /// <summary>Loads <paramref name="network"/>'s parameters and buffers from a safetensors file, all or nothing.</summary>
    /// <exception cref="SafetensorsException">
    /// The file is malformed (including tensors whose data overlap or leave gaps), or lacks a tensor, has one of the
    /// wrong shape or an unsupported element type, holds a NaN or infinite value (unless
    /// <see cref="SafetensorsOptions.AllowNonFiniteValues"/>), a negative running variance or a negative batch count, or has an unexpected tensor
    /// (unless <see cref="SafetensorsOptions.IgnoreUnexpectedTensors"/>). The network is unchanged.
    /// </exception>
    /// <exception cref="NotSupportedException">A layer is of a kind PyTorch interop does not know.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void Import<T>(INetwork<T> network, string path, SafetensorsOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        options ??= new SafetensorsOptions();
        NetworkDescription description = network.Description;
        IReadOnlyList<TorchTensor> expected = TorchLayout.Tensors(description, options);
        byte[] file = File.ReadAllBytes(path);
        (SafetensorsHeader header, int bufferStart) = SafetensorsCodec.Parse(file, path);
        Dictionary<string, SafetensorsTensorInfo> available = header.Tensors.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);

        var stagedParameters = new T[description.ParameterCount];
        var stagedBuffers = new T[description.BufferCount];
        var problems = new List<string>();
        var missing = new List<string>();
        var unrounded = new List<string>();
        foreach (TorchTensor tensor in expected)
        {
            if (!available.Remove(tensor.Name, out SafetensorsTensorInfo? found))
            {
                missing.Add(tensor.Name);
                continue;
            }

            string? problem = Check(found, tensor);
            if (problem is null && NeedsRounding(found, tensor, description.Precision, options))
            {
                unrounded.Add($"'{found.Name}'");
                continue;
            }

            if (problem is null)
            {
                ReadOnlySpan<byte> data = file.AsSpan(bufferStart + (int)found.Begin, (int)(found.End - found.Begin));
                Span<T> staged = (tensor.IsBuffer ? stagedBuffers : stagedParameters).AsSpan(tensor.Stored.Offset, tensor.Stored.Length);
                problem = tensor.Conversion == TorchConversion.Count
                    ? ReadCount(data, tensor, staged)
                    : ReadValues(data, found, tensor, options, staged);
            }

            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        if (unrounded.Count > 0)
        {
            problems.Add(
                $"{(unrounded.Count == 1 ? "Tensor" : "Tensors")} {string.Join(", ", unrounded)} {(unrounded.Count == 1 ? "is" : "are")} F64 but the network computes in float; "
                + "set SafetensorsOptions.AllowPrecisionLoss to round them, or save float32 from PyTorch (model.float()).");
        }

        if (missing.Count > 0)
        {
            problems.Add(
                $"{description.Name} needs tensors it lacks: {string.Join(", ", missing)}. The file has: {string.Join(", ", header.Tensors.Select(t => t.Name))}. "
                + "If its model is not a plain nn.Sequential, name each layer's module with SafetensorsOptions.LayerModules (or Prefix)."
                + (MissesOnlyBiases(missing, header) ? BiasHint : string.Empty));
        }

        if (available.Count > 0 && !options.IgnoreUnexpectedTensors)
        {
            problems.Add(
                $"It has tensors {description.Name} has no place for: {string.Join(", ", available.Keys)}. "
                + "Set SafetensorsOptions.IgnoreUnexpectedTensors to skip them.");
        }

        if (problems.Count > 0)
        {
            throw new SafetensorsException(path, problems);
        }

        stagedParameters.CopyTo(network.Parameters);
        stagedBuffers.CopyTo(network.Buffers);
    }

    /// <summary>Reads a safetensors file's header: its tensors' names, types, shapes and offsets, and its metadata.</summary>
    /// <exception cref="SafetensorsException">The file is not well-formed safetensors.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static SafetensorsHeader ReadHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return SafetensorsCodec.Parse(File.ReadAllBytes(path), path).Header;
    }

    /// <summary>Names the first NaN or infinite value of a tensor (PyTorch's row-major indices) and counts them all; <see langword="null"/> if there is none.</summary>
    private static string? CheckFinite<T>(ReadOnlySpan<T> values, TorchTensor tensor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int first, int count) = FirstAndCount(values, static value => !T.IsFinite(value));
        if (count == 0)
        {
            return null;
        }

        T value = values[first];
        string kind = T.IsNaN(value) ? "NaN" : T.IsPositive(value) ? "+infinity" : "-infinity";
        return $"Tensor '{tensor.Name}' holds {count} NaN or infinite value{(count == 1 ? string.Empty : "s")}, the first at {IndexText(tensor, first)} ({kind}); "
            + "such weights make the network output NaN or infinity (a diverged run?). Set SafetensorsOptions.AllowNonFiniteValues to import them anyway.";
    }

    /// <summary>
    /// Names the first negative value of a variance (<see cref="TorchConversion.Variance"/>) and counts them all;
    /// <see langword="null"/> if there is none. −∞ is left to the finiteness check (and to
    /// <see cref="SafetensorsOptions.AllowNonFiniteValues"/>), so one value is one problem.
    /// </summary>
    private static string? CheckNonNegative<T>(ReadOnlySpan<T> values, TorchTensor tensor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int first, int count) = FirstAndCount(values, static value => value < T.Zero && T.IsFinite(value));
        return count == 0
            ? null
            : $"Tensor '{tensor.Name}' holds {count} negative value{(count == 1 ? string.Empty : "s")}, the first at {IndexText(tensor, first)} "
                + $"({values[first].ToString(null, CultureInfo.InvariantCulture)}); a variance is never negative, and inference would take its square root (a corrupt or hand-made file?).";
    }

    /// <summary>The first value that <paramref name="matches"/> (−1 if none) and how many do.</summary>
    private static (int First, int Count) FirstAndCount<T>(ReadOnlySpan<T> values, Func<T, bool> matches)
    {
        int first = -1;
        int count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (matches(values[i]))
            {
                first = first < 0 ? i : first;
                count++;
            }
        }

        return (first, count);
    }

    /// <summary>The PyTorch (row-major) index of a tensor's <paramref name="flat"/>-th value: <c>[2, 0, 1]</c>.</summary>
    private static string IndexText(TorchTensor tensor, int flat)
    {
        var index = new int[tensor.Shape.Count];
        for (int d = index.Length - 1, rest = flat; d >= 0; d--)
        {
            index[d] = rest % tensor.Shape[d];
            rest /= tensor.Shape[d];
        }

        return $"[{string.Join(", ", index)}]";
    }

    /// <summary>
    /// Converts a floating-point tensor into GenNN's layout; a problem if it holds a value that is not finite (unless
    /// allowed), or a variance a negative value.
    /// </summary>
    private static string? ReadValues<T>(ReadOnlySpan<byte> data, SafetensorsTensorInfo found, TorchTensor tensor, SafetensorsOptions options, Span<T> staged)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[tensor.Stored.Length];
        LittleEndianElements.Read<T>(data, found.DataType == "F64" ? Precision.Double : Precision.Single, values);
        string? problem = (options.AllowNonFiniteValues ? null : CheckFinite<T>(values, tensor))
            ?? (tensor.Conversion == TorchConversion.Variance ? CheckNonNegative<T>(values, tensor) : null);
        if (problem is null)
        {
            TorchLayout.FromTorch<T>(tensor, values, staged);
        }

        return problem;
    }

    /// <summary>Reads an <c>I64</c> count into GenNN's one value; a problem if it is negative.</summary>
    private static string? ReadCount<T>(ReadOnlySpan<byte> data, TorchTensor tensor, Span<T> staged)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long count = BinaryPrimitives.ReadInt64LittleEndian(data);
        if (count < 0)
        {
            return $"Tensor '{tensor.Name}' counts {count} batches; a count is never negative (a corrupt or hand-made file?).";
        }

        staged[0] = T.CreateChecked(count);
        return null;
    }

    /// <summary>Whether the tensor holds doubles that a float network would have to round, which is refused unless <see cref="SafetensorsOptions.AllowPrecisionLoss"/> (reported once for all such tensors).</summary>
    private static bool NeedsRounding(SafetensorsTensorInfo found, TorchTensor tensor, Precision precision, SafetensorsOptions options)
        => tensor.Conversion != TorchConversion.Count && found.DataType == "F64" && precision == Precision.Single && !options.AllowPrecisionLoss;

    /// <summary>The usual cause of missing biases beside present weights: PyTorch modules made with <c>bias=False</c>.</summary>
    private const string BiasHint =
        " GenNN's layers always have a bias: a module made with bias=False (as before a BatchNorm) saves none; "
        + "add zeros of the bias's shape (the layer's output features or channels) under its name before saving (the outputs are the same).";

    /// <summary>Whether every missing tensor is a bias whose module's weight the file has.</summary>
    private static bool MissesOnlyBiases(List<string> missing, SafetensorsHeader header)
        => missing.TrueForAll(name => name.EndsWith(".bias", StringComparison.Ordinal)
            && header.Tensors.Any(tensor => tensor.Name == name[..^".bias".Length] + ".weight"));

    private static string? Check(SafetensorsTensorInfo found, TorchTensor tensor)
    {
        if (!found.Shape.SequenceEqual(tensor.Shape.Select(dimension => (long)dimension)))
        {
            return $"Tensor '{found.Name}' has shape [{string.Join(", ", found.Shape)}], but layer {tensor.Layer.Name}'s {tensor.Stored.Name} "
                + $"needs [{string.Join(", ", tensor.Shape)}] ({tensor.Meaning}).";
        }

        if (tensor.Conversion == TorchConversion.Count)
        {
            return found.DataType == CountDataType
                ? null
                : $"Tensor '{found.Name}' has element type {found.DataType}; a batch count is {CountDataType}, as PyTorch saves it.";
        }

        return found.DataType switch
        {
            "F32" or "F64" => null,
            _ => $"Tensor '{found.Name}' has element type {found.DataType}; only F32 and F64 are supported (convert in PyTorch with model.float()).",
        };
    }
}
