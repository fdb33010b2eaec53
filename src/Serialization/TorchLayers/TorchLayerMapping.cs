using System;
using System.Collections.Generic;
using System.Linq;

namespace GenNN.Serialization;

/// <summary>
/// How one GenNN layer kind appears in the equivalent PyTorch <c>nn.Sequential</c>: how many of its modules the layer
/// takes (which numbers every module after it) and the <c>state_dict()</c> entries of its parameters and buffers.
/// <see cref="TorchLayerMappings"/> holds one per <see cref="LayerDescription.Kind"/>.
/// </summary>
internal abstract class TorchLayerMapping
{
    /// <summary>The number of <c>nn.Sequential</c> modules the layer takes: its own, plus its activation's if it has one.</summary>
    public abstract int ModuleCount(LayerDescription layer);

    /// <summary>
    /// The layer's <c>state_dict()</c> entries under the module path <paramref name="module"/>, in PyTorch's order
    /// (parameters, then buffers), which is also GenNN's storage order.
    /// </summary>
    /// <exception cref="NotSupportedException">
    /// The layer does not store the tensors, or not in the shapes, this mapping knows: its layer kind's contract
    /// changed, and guessing would scramble the weights.
    /// </exception>
    public abstract IReadOnlyList<TorchTensor> Tensors(string module, LayerDescription layer);

    /// <summary>One module for an activation after the layer's own (<c>nn.ReLU</c>, ...), none for Identity.</summary>
    protected static int ActivationModules(LayerDescription layer) => layer.Activation == Activation.Identity ? 0 : 1;

    /// <summary>Checks that the layer stores exactly these parameter and buffer tensors, in this order.</summary>
    /// <exception cref="NotSupportedException">It stores others.</exception>
    protected static void RequireStored(LayerDescription layer, string[] parameters, string[] buffers)
    {
        if (!layer.Tensors.Select(tensor => tensor.Name).SequenceEqual(parameters) || !layer.Buffers.Select(tensor => tensor.Name).SequenceEqual(buffers))
        {
            throw new NotSupportedException(
                $"Layer {layer.Name} ({layer.Kind}) stores parameters [{string.Join(", ", layer.Tensors.Select(tensor => tensor.Name))}] and buffers "
                + $"[{string.Join(", ", layer.Buffers.Select(tensor => tensor.Name))}], not the [{string.Join(", ", parameters)}] and [{string.Join(", ", buffers)}] "
                + "PyTorch interop knows.");
        }
    }

    /// <summary>A parameter, after checking it is stored as <paramref name="storedShape"/>.</summary>
    protected static TorchTensor Parameter(string module, string name, LayerDescription layer, TensorDescription stored, int[] storedShape, int[] torchShape, TorchConversion conversion, string meaning)
        => Entry(module, name, layer, stored, isBuffer: false, storedShape, torchShape, conversion, meaning);

    /// <summary>A buffer, after checking it is stored as <paramref name="storedShape"/>.</summary>
    protected static TorchTensor Buffer(string module, string name, LayerDescription layer, TensorDescription stored, int[] storedShape, int[] torchShape, TorchConversion conversion, string meaning)
        => Entry(module, name, layer, stored, isBuffer: true, storedShape, torchShape, conversion, meaning);

    private static TorchTensor Entry(string module, string name, LayerDescription layer, TensorDescription stored, bool isBuffer, int[] storedShape, int[] torchShape, TorchConversion conversion, string meaning)
    {
        if (!stored.Shape.SequenceEqual(storedShape))
        {
            throw new NotSupportedException(
                $"Layer {layer.Name}'s {stored.Name} is stored as [{string.Join(", ", stored.Shape)}], not the [{string.Join(", ", storedShape)}] PyTorch interop expects.");
        }

        return new TorchTensor($"{module}.{name}", layer, stored, isBuffer, torchShape, conversion, meaning);
    }
}
