namespace GenNN.Generator.Model;

/// <summary>
/// One entry of the equivalent PyTorch <c>nn.Sequential</c>'s <c>state_dict()</c>, as the compile-time mirror of the
/// runtime's <c>GenNN.Serialization.TorchTensor</c>: its name, its PyTorch shape, and the GenNN tensor it fills.
/// Each layer kind lists its own (<see cref="LayerSpec.TorchTensors"/>); a test checks they equal the runtime's.
/// </summary>
/// <param name="Name">The <c>state_dict()</c> name (<c>0.weight</c>, <c>2.running_var</c>).</param>
/// <param name="Stored">The GenNN tensor it fills.</param>
/// <param name="IsBuffer">Whether <paramref name="Stored"/> is in <c>Buffers</c> rather than <c>Parameters</c>.</param>
/// <param name="Shape">Its PyTorch shape (<c>[]</c> for a scalar).</param>
/// <param name="Conversion">How PyTorch's values become GenNN's.</param>
/// <param name="Meaning">What PyTorch calls the shape, for messages: <c>nn.Linear.weight's [out, in]</c>.</param>
internal sealed record TorchTensorSpec(string Name, ParameterTensor Stored, bool IsBuffer, TensorShape Shape, TorchConversionKind Conversion, string Meaning)
{
    public static TorchTensorSpec Copy(string module, string name, ParameterTensor stored, string meaning)
        => new($"{module}.{name}", stored, false, stored.Dimensions, TorchConversionKind.Copy, meaning);

    /// <summary>A matrix stored as the transpose of PyTorch's (<c>[in, out]</c> for PyTorch's <c>[out, in]</c>).</summary>
    public static TorchTensorSpec Transposed(string module, string name, ParameterTensor stored, string meaning)
        => new($"{module}.{name}", stored, false, TensorShape.Of(stored.Dimensions[1], stored.Dimensions[0]), TorchConversionKind.Transpose, meaning);
}

/// <summary>Mirrors the runtime's <c>TorchConversion</c>.</summary>
internal enum TorchConversionKind
{
    /// <summary>The same values in the same order.</summary>
    Copy,

    /// <summary>A matrix stored as the transpose of PyTorch's.</summary>
    Transpose,

    /// <summary>The same values as <see cref="Copy"/>, none of them negative (BatchNorm's running variance, whose square root inference takes).</summary>
    Variance,

    /// <summary>An <c>int64</c> scalar in PyTorch, one floating-point value in GenNN (BatchNorm's <c>num_batches_tracked</c>).</summary>
    Count,
}
