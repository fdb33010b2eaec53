using System;
using System.Collections.Generic;
using System.Globalization;

namespace GenNN.Serialization;

/// <summary>
/// How a network's parameters and buffers look in PyTorch's <c>state_dict()</c> for the equivalent
/// <c>nn.Sequential</c>: names, shapes, and conversions (dense weights transposed, BatchNorm's batch count an
/// <c>int64</c> scalar). Each layer kind's part is a <see cref="TorchLayerMapping"/>.
/// </summary>
/// <remarks>
/// <c>nn.Sequential</c> numbers every module, parameterless or not, and a layer may take more than one: a dense or
/// convolution layer is followed by its activation module unless the activation is Identity, and a global average
/// pool is <c>nn.AdaptiveAvgPool2d(1)</c> then <c>nn.Flatten()</c>. So Linear, Tanh, Linear, Tanh, Linear gives
/// <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, ... <c>4.bias</c>.
/// </remarks>
internal static class TorchLayout
{
    /// <summary>Every parameter and buffer tensor in <c>state_dict()</c> order: layer by layer, parameters then buffers.</summary>
    /// <exception cref="ArgumentException">The options' layer modules do not name each layer once.</exception>
    /// <exception cref="NotSupportedException">A layer's kind is unknown, or it does not store its tensors as its kind's mapping expects.</exception>
    public static IReadOnlyList<TorchTensor> Tensors(NetworkDescription description, SafetensorsOptions options)
    {
        IReadOnlyList<string> modules = options.LayerModules ?? SequentialIndices(description);
        if (modules.Count != description.Layers.Count)
        {
            throw new ArgumentException(
                $"{description.Name} has {description.Layers.Count} layers, but {modules.Count} layer modules were given.", nameof(options));
        }

        var tensors = new List<TorchTensor>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int l = 0; l < description.Layers.Count; l++)
        {
            LayerDescription layer = description.Layers[l];
            foreach (TorchTensor tensor in TorchLayerMappings.For(layer).Tensors($"{options.Prefix}{modules[l]}", layer))
            {
                if (!names.Add(tensor.Name))
                {
                    throw new ArgumentException($"Two tensors would both be named '{tensor.Name}'; give each layer its own module.", nameof(options));
                }

                tensors.Add(tensor);
            }
        }

        return tensors;
    }

    /// <summary>Copies a stored floating-point tensor into PyTorch's layout.</summary>
    public static void ToTorch<T>(TorchTensor tensor, ReadOnlySpan<T> stored, Span<T> torch)
    {
        if (tensor.Conversion == TorchConversion.Transpose)
        {
            Transpose(stored, tensor.Stored.Shape[0], tensor.Stored.Shape[1], torch);
            return;
        }

        stored.CopyTo(torch);
    }

    /// <summary>Copies a floating-point tensor in PyTorch's layout into GenNN's.</summary>
    public static void FromTorch<T>(TorchTensor tensor, ReadOnlySpan<T> torch, Span<T> stored)
    {
        if (tensor.Conversion == TorchConversion.Transpose)
        {
            Transpose(torch, tensor.Shape[0], tensor.Shape[1], stored);
            return;
        }

        torch.CopyTo(stored);
    }

    /// <summary>Writes the transpose of the row-major <paramref name="rows"/> × <paramref name="columns"/> matrix <paramref name="source"/>.</summary>
    private static void Transpose<T>(ReadOnlySpan<T> source, int rows, int columns, Span<T> destination)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                destination[(c * rows) + r] = source[(r * columns) + c];
            }
        }
    }

    /// <summary>Each layer's <c>nn.Sequential</c> index: the first of the modules it takes.</summary>
    private static string[] SequentialIndices(NetworkDescription description)
    {
        var modules = new string[description.Layers.Count];
        int index = 0;
        for (int l = 0; l < modules.Length; l++)
        {
            LayerDescription layer = description.Layers[l];
            modules[l] = index.ToString(CultureInfo.InvariantCulture);
            index += TorchLayerMappings.For(layer).ModuleCount(layer);
        }

        return modules;
    }
}
