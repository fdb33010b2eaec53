using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GenNN.Serialization;

/// <summary>
/// How a network's parameters look in PyTorch's <c>state_dict()</c> for the equivalent <c>nn.Sequential</c>: names,
/// shapes, and the transposition of dense weights (stored input-major <c>[in, out]</c> by GenNN, <c>[out, in]</c> as
/// <c>nn.Linear.weight</c>).
/// </summary>
/// <remarks>
/// Each dense layer is an <c>nn.Linear</c>, followed by its activation module unless the activation is Identity, and
/// by an <c>nn.Dropout</c> if it drops outputs. <c>nn.Sequential</c> numbers every module, parameterless or not, so
/// Linear, Tanh, Linear, Tanh, Linear gives <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, ... <c>4.bias</c>.
/// </remarks>
internal static class TorchLayout
{
    /// <summary>Every parameter tensor in storage order (layer by layer, weight then bias).</summary>
    /// <exception cref="ArgumentException">The options' layer modules do not name each layer once.</exception>
    /// <exception cref="NotSupportedException">A layer is not a dense layer stored as documented.</exception>
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
            if (layer.Kind != "Dense" && (layer.Tensors.Count > 0 || layer.Buffers.Count > 0))
            {
                throw new NotSupportedException($"Layer {layer.Name} is a {layer.Kind} layer; PyTorch interop knows dense layers (nn.Linear) and parameterless layers.");
            }

            foreach (TensorDescription stored in layer.Tensors)
            {
                TorchTensor tensor = DenseTensor($"{options.Prefix}{modules[l]}", layer, stored);
                if (!names.Add(tensor.Name))
                {
                    throw new ArgumentException($"Two tensors would both be named '{tensor.Name}'; give each layer its own module.", nameof(options));
                }

                tensors.Add(tensor);
            }
        }

        return tensors;
    }

    /// <summary>Copies a stored tensor into PyTorch's layout.</summary>
    public static void ToTorch<T>(TorchTensor tensor, ReadOnlySpan<T> stored, Span<T> torch)
    {
        if (!tensor.Transposed)
        {
            stored.CopyTo(torch);
            return;
        }

        Transpose(stored, tensor.Stored.Shape[0], tensor.Stored.Shape[1], torch);
    }

    /// <summary>Copies a tensor in PyTorch's layout into GenNN's.</summary>
    public static void FromTorch<T>(TorchTensor tensor, ReadOnlySpan<T> torch, Span<T> stored)
    {
        if (!tensor.Transposed)
        {
            torch.CopyTo(stored);
            return;
        }

        Transpose(torch, tensor.Shape[0], tensor.Shape[1], stored);
    }

    private static TorchTensor DenseTensor(string module, LayerDescription layer, TensorDescription stored)
    {
        // The layout is part of the Dense kind's contract (TensorDescription.Shape); checking it here turns a change
        // of that contract into an error rather than silently scrambled weights.
        (string name, int[] storedShape, int[] torchShape, bool transposed) = stored.Name switch
        {
            "Weights" => ("weight", new[] { layer.InputSize, layer.OutputSize }, new[] { layer.OutputSize, layer.InputSize }, true),
            "Bias" => ("bias", new[] { layer.OutputSize }, new[] { layer.OutputSize }, false),
            _ => throw new NotSupportedException($"No PyTorch name is known for the dense tensor '{stored.Name}'."),
        };
        if (!stored.Shape.SequenceEqual(storedShape))
        {
            throw new NotSupportedException(
                $"Layer {layer.Name}'s {stored.Name} is stored as [{string.Join(", ", stored.Shape)}], not the [{string.Join(", ", storedShape)}] PyTorch interop expects.");
        }

        return new TorchTensor($"{module}.{name}", layer, stored, torchShape, transposed);
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

    private static string[] SequentialIndices(NetworkDescription description)
    {
        var modules = new string[description.Layers.Count];
        int index = 0;
        for (int l = 0; l < modules.Length; l++)
        {
            LayerDescription layer = description.Layers[l];
            modules[l] = index.ToString(CultureInfo.InvariantCulture);
            index++;
            // A dense layer's activation is its own module (nn.Tanh, ...) in nn.Sequential.
            if (layer.Kind == "Dense" && layer.Activation != Activation.Identity)
            {
                index++;
            }
        }

        return modules;
    }
}
