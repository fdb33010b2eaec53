using System;

namespace GenNN.Onnx.Layers;

/// <summary>How a dense layer's weight matrix is laid out in the parameter span.</summary>
internal enum DenseWeightLayout
{
    /// <summary><c>[in, out]</c>: row <c>i</c> holds the weights from input <c>i</c> to every output.</summary>
    InputMajor,

    /// <summary><c>[out, in]</c>: row <c>j</c> holds output <c>j</c>'s weights (PyTorch's <c>nn.Linear.weight</c>).</summary>
    OutputMajor,
}

/// <summary>Reads a dense layer's <see cref="DenseWeightLayout"/> from its description.</summary>
internal static class DenseWeightLayouts
{
    /// <summary>
    /// The layout that <paramref name="weights"/>' shape states. A square matrix's shape cannot tell, so it is
    /// read as <see cref="DenseWeightLayout.InputMajor"/>, the layout generated code stores.
    /// </summary>
    /// <exception cref="NotSupportedException">The shape is neither <c>[in, out]</c> nor <c>[out, in]</c>.</exception>
    public static DenseWeightLayout Of(LayerDescription layer, TensorDescription weights)
    {
        if (weights.Shape.Count == 2)
        {
            if (weights.Shape[0] == layer.InputSize && weights.Shape[1] == layer.OutputSize)
            {
                return DenseWeightLayout.InputMajor;
            }

            if (weights.Shape[0] == layer.OutputSize && weights.Shape[1] == layer.InputSize)
            {
                return DenseWeightLayout.OutputMajor;
            }
        }

        throw new NotSupportedException(
            $"Layer '{layer.Name}' maps {layer.InputSize} inputs to {layer.OutputSize} outputs, but its weights have shape [{string.Join(", ", weights.Shape)}].");
    }
}
