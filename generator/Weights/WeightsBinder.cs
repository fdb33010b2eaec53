using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Weights;

/// <summary>
/// Checks a network's weights file against its topology and converts its values to GenNN's storage, with the rules
/// of the runtime's importers: safetensors as <c>Safetensors.Import</c> reads it (PyTorch's <c>nn.Sequential</c>
/// names and shapes; F32 always, F64 only into a double network, never rounded silently; no NaN or infinity;
/// <c>num_batches_tracked</c> a non-negative I64; no tensor missing or unexpected), model files as
/// <c>ModelFile.Load</c> does (same signature, counts and precision). Every mismatch is a problem, all reported
/// together; it never throws on bad input.
/// </summary>
internal static class WeightsBinder
{
    /// <summary>How many of the file's tensor names a message lists before it stops.</summary>
    private const int ListedNames = 12;

    public static BoundWeights Bind(WeightsRequest request, CancellationToken cancellationToken)
    {
        NetworkSpec spec = request.Spec;
        WeightsFile? file = request.File;
        var problems = new List<WeightsProblem>();
        var tensors = new List<BoundTensor>();
        if (file is null)
        {
            problems.Add(WeightsProblem.Of(DiagnosticDescriptors.WeightsFileNotFoundId, spec.Type.Name, spec.WeightsPath!, request.NotFoundDetail));
        }
        else if (file.Content is null)
        {
            problems.Add(WeightsProblem.Of(DiagnosticDescriptors.WeightsFileUnreadableId, file.Path, file.Problem!));
        }
        else
        {
            try
            {
                if (file.Path.EndsWith(".gennn", StringComparison.OrdinalIgnoreCase))
                {
                    BindModelFile(spec, file.Path, file.Content, tensors, problems, cancellationToken);
                }
                else
                {
                    BindSafetensors(spec, file.Path, file.Content, tensors, problems, cancellationToken);
                }
            }
            catch (FormatException exception)
            {
                problems.Add(WeightsProblem.Of(DiagnosticDescriptors.WeightsFileUnreadableId, file.Path, exception.Message));
            }
        }

        return new BoundWeights(
            spec,
            request.HintName,
            file?.Hash ?? string.Empty,
            problems.Count == 0 ? tensors : Array.Empty<BoundTensor>(),
            new EquatableArray<WeightsProblem>(problems.ToImmutableArray()));
    }

    /// <summary>The network's PyTorch tensors, numbering <c>nn.Sequential</c> modules as the runtime's <c>TorchLayout</c> does.</summary>
    public static IEnumerable<(LayerSpec Layer, TorchTensorSpec Tensor)> TorchTensors(NetworkSpec spec)
    {
        int module = 0;
        foreach (LayerSpec layer in spec.Layers)
        {
            foreach (TorchTensorSpec tensor in layer.TorchTensors(Invariant.Text(module)))
            {
                yield return (layer, tensor);
            }

            module += layer.TorchModuleCount;
        }
    }

    private static void BindSafetensors(NetworkSpec spec, string path, byte[] content, List<BoundTensor> tensors, List<WeightsProblem> problems, CancellationToken cancellationToken)
    {
        IReadOnlyList<SafetensorsEntry> entries = SafetensorsReader.Read(content);
        var available = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        foreach (SafetensorsEntry entry in entries)
        {
            available[entry.Name] = entry;
        }

        string fileNames = Listed(entries.Select(entry => entry.Name));
        var expected = TorchTensors(spec).ToList();
        foreach ((LayerSpec layer, TorchTensorSpec tensor) in expected.Where(pair => pair.Tensor.IsBuffer == false).Concat(expected.Where(pair => pair.Tensor.IsBuffer)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string member = layer.Name + tensor.Stored.MemberSuffix;
            if (!available.TryGetValue(tensor.Name, out SafetensorsEntry? entry))
            {
                problems.Add(WeightsProblem.Of(DiagnosticDescriptors.WeightsTensorMissingId, path, tensor.Name, tensor.Shape.ToString(), layer.Name, tensor.Stored.MemberSuffix, tensor.Meaning, fileNames));
                continue;
            }

            available.Remove(tensor.Name);
            WeightsProblem? problem = Check(entry, tensor, layer, path, spec.Numeric);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }

            double[] values = tensor.Conversion == TorchConversionKind.Count
                ? ReadCount(content, entry, path, problems)
                : ReadFloatingPoint(content, entry, tensor, path, problems);
            tensors.Add(new BoundTensor(member, tensor.IsBuffer, Describe(tensor), values));
        }

        string networkNames = Listed(expected.Select(pair => pair.Tensor.Name));
        foreach (SafetensorsEntry unexpected in entries.Where(entry => available.ContainsKey(entry.Name)))
        {
            problems.Add(WeightsProblem.Of(DiagnosticDescriptors.WeightsUnexpectedTensorId, path, unexpected.Name, unexpected.ShapeText, spec.Type.Name, networkNames));
        }
    }

    private static WeightsProblem? Check(SafetensorsEntry entry, TorchTensorSpec tensor, LayerSpec layer, string path, NumericType numeric)
    {
        if (!entry.Shape.SequenceEqual(tensor.Shape.Dimensions.Select(dimension => (long)dimension)))
        {
            return WeightsProblem.Of(DiagnosticDescriptors.WeightsShapeMismatchId, entry.Name, path, entry.ShapeText, layer.Name, tensor.Stored.MemberSuffix, tensor.Shape.ToString(), tensor.Meaning);
        }

        string? typeProblem = tensor.Conversion == TorchConversionKind.Count
            ? entry.DataType == "I64" ? null : "a batch count is I64, as PyTorch saves it"
            : entry.DataType switch
            {
                "F32" => null,
                "F64" when numeric == NumericType.Double => null,
                "F64" => "the network computes in float, and compiled-in weights are never rounded silently; save float32 from PyTorch (model.float()) or declare [Network(Precision.Double)]",
                _ => "only F32 and F64 are supported (convert in PyTorch with model.float())",
            };
        return typeProblem is null ? null : WeightsProblem.Of(DiagnosticDescriptors.WeightsElementTypeId, entry.Name, path, entry.DataType, typeProblem);
    }

    private static double[] ReadCount(byte[] content, SafetensorsEntry entry, string path, List<WeightsProblem> problems)
    {
        long count = LittleEndianBytes.Int64(content, entry.Start);
        if (count < 0)
        {
            problems.Add(WeightsProblem.Of(DiagnosticDescriptors.WeightsInvalidValueId, entry.Name, path, $"counts {Invariant.Text(count)} batches; a count is never negative (a corrupt or hand-made file?)"));
        }

        return new double[] { count };
    }

    private static double[] ReadFloatingPoint(byte[] content, SafetensorsEntry entry, TorchTensorSpec tensor, string path, List<WeightsProblem> problems)
    {
        bool isDouble = entry.DataType == "F64";
        int size = isDouble ? 8 : 4;
        var torch = new double[entry.Length / size];
        for (int i = 0; i < torch.Length; i++)
        {
            int at = entry.Start + (i * size);
            torch[i] = isDouble ? LittleEndianBytes.Double(content, at) : LittleEndianBytes.Single(content, at);
        }

        CheckFinite(torch, entry.Name, tensor.Shape, path, problems);
        if (tensor.Conversion == TorchConversionKind.Variance)
        {
            CheckNonNegative(torch, entry.Name, tensor.Shape, path, problems);
        }

        if (tensor.Conversion != TorchConversionKind.Transpose)
        {
            return torch;
        }

        int rows = tensor.Shape[0];
        int columns = tensor.Shape[1];
        var stored = new double[torch.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                stored[(c * rows) + r] = torch[(r * columns) + c];
            }
        }

        return stored;
    }

    private static void BindModelFile(NetworkSpec spec, string path, byte[] content, List<BoundTensor> tensors, List<WeightsProblem> problems, CancellationToken cancellationToken)
    {
        ModelFileContent file = ModelFileReader.Read(content);
        string name = spec.Type.Name.TrimStart('@');
        string signature = NetworkSignature.Of(spec);
        string? mismatch = file.Signature != signature || file.ParameterCount != spec.ParameterCount
            ? $"holds the parameters of another network: it was saved from {file.NetworkName} with signature {file.Signature} ({Invariant.Text(file.ParameterCount)} parameters), "
              + $"but {name} has signature {signature} ({Invariant.Text(spec.ParameterCount)} parameters)"
            : file.BufferCount != spec.BufferCount && file.Version == 1
                ? $"is in format version 1, which stores parameters only, but {name} also has {Invariant.Text(spec.BufferCount)} buffer values (BatchNorm's running statistics); save the trained network again with this version of GenNN"
            : file.BufferCount != spec.BufferCount
                ? $"holds {Invariant.Text(file.BufferCount)} buffer values, but {name} (signature {signature}) has {Invariant.Text(spec.BufferCount)}"
            : file.IsDouble != (spec.Numeric == NumericType.Double)
                ? $"was saved from a {(file.IsDouble ? "double" : "float")} network, but {name} computes in {spec.Numeric.Keyword()}; model files hold values exactly, so they load only into a network of the same precision (use safetensors to convert)"
            : null;
        if (mismatch is not null)
        {
            problems.Add(WeightsProblem.Of(DiagnosticDescriptors.WeightsNetworkMismatchId, path, mismatch));
            return;
        }

        int size = file.IsDouble ? 8 : 4;
        int parameterOffset = 0;
        int bufferOffset = 0;
        foreach (bool buffers in new[] { false, true })
        {
            foreach (LayerSpec layer in spec.Layers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (ParameterTensor tensor in buffers ? layer.Buffers : layer.Tensors)
                {
                    int index = buffers ? file.ParameterCount + bufferOffset : parameterOffset;
                    var values = new double[tensor.Length];
                    for (int i = 0; i < values.Length; i++)
                    {
                        int at = file.PayloadOffset + ((index + i) * size);
                        values[i] = file.IsDouble ? LittleEndianBytes.Double(content, at) : LittleEndianBytes.Single(content, at);
                    }

                    string member = layer.Name + tensor.MemberSuffix;
                    CheckFinite(values, member, tensor.Dimensions, path, problems);
                    string range = $"{(buffers ? "buffer" : "parameter")} values {Invariant.Text(buffers ? bufferOffset : parameterOffset)} to {Invariant.Text((buffers ? bufferOffset : parameterOffset) + tensor.Length - 1)}";
                    tensors.Add(new BoundTensor(member, buffers, $"model file {range}, shape {tensor.Shape}", values));
                    if (buffers)
                    {
                        bufferOffset += tensor.Length;
                    }
                    else
                    {
                        parameterOffset += tensor.Length;
                    }
                }
            }
        }
    }

    /// <summary>A problem naming the first NaN or infinite value (its row-major index in <paramref name="shape"/>) and how many there are.</summary>
    private static void CheckFinite(double[] values, string tensor, TensorShape shape, string path, List<WeightsProblem> problems)
    {
        int first = Array.FindIndex(values, IsNotFinite);
        if (first < 0)
        {
            return;
        }

        int count = values.Count(IsNotFinite);

        double value = values[first];
        string kind = double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
        problems.Add(WeightsProblem.Of(
            DiagnosticDescriptors.WeightsInvalidValueId,
            tensor,
            path,
            $"holds {Invariant.Text(count)} NaN or infinite value{(count == 1 ? string.Empty : "s")}, the first at {IndexText(shape, first)} ({kind}); "
            + "such weights make the network output NaN or infinity (a diverged run?)"));
    }

    /// <summary>A problem naming the first negative value of a variance (<see cref="TorchConversionKind.Variance"/>) and how many there are.</summary>
    private static void CheckNonNegative(double[] values, string tensor, TensorShape shape, string path, List<WeightsProblem> problems)
    {
        // −∞ is CheckFinite's to report: one value, one diagnostic.
        static bool IsNegative(double value) => value < 0 && !IsNotFinite(value);
        int first = Array.FindIndex(values, IsNegative);
        if (first < 0)
        {
            return;
        }

        int count = values.Count(IsNegative);
        problems.Add(WeightsProblem.Of(
            DiagnosticDescriptors.WeightsInvalidValueId,
            tensor,
            path,
            $"holds {Invariant.Text(count)} negative value{(count == 1 ? string.Empty : "s")}, the first at {IndexText(shape, first)} ({Invariant.Text(values[first])}); "
            + "a variance is never negative, and inference would take its square root (a corrupt or hand-made file?)"));
    }

    private static bool IsNotFinite(double value) => double.IsNaN(value) || double.IsInfinity(value);

    /// <summary>The row-major index in <paramref name="shape"/> of the <paramref name="flat"/>-th value: <c>[2, 0, 1]</c>.</summary>
    private static string IndexText(TensorShape shape, int flat)
    {
        var index = new int[shape.Rank];
        for (int d = index.Length - 1, rest = flat; d >= 0; d--)
        {
            index[d] = rest % shape[d];
            rest /= shape[d];
        }

        return $"[{string.Join(", ", index.Select(Invariant.Text))}]";
    }

    private static string Describe(TorchTensorSpec tensor) => tensor.Conversion switch
    {
        TorchConversionKind.Transpose => $"tensor '{tensor.Name}' {tensor.Shape}, transposed to {tensor.Stored.Shape}",
        TorchConversionKind.Count => $"tensor '{tensor.Name}' [], I64 count",
        _ => $"tensor '{tensor.Name}' {tensor.Shape}",
    };

    private static string Listed(IEnumerable<string> names)
    {
        string[] all = names.ToArray();
        string listed = string.Join(", ", all.Take(ListedNames));
        return all.Length > ListedNames ? listed + string.Format(CultureInfo.InvariantCulture, ", ... ({0} in all)", all.Length) : listed;
    }
}
