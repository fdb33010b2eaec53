using System.Collections.Generic;

namespace GenNN.Serialization;

/// <summary>One entry of the equivalent PyTorch model's <c>state_dict()</c>, and where GenNN keeps it.</summary>
/// <param name="Name">Its <c>state_dict()</c> name, e.g. <c>0.weight</c> or <c>2.running_var</c>.</param>
/// <param name="Layer">The layer it belongs to.</param>
/// <param name="Stored">The tensor as GenNN stores it.</param>
/// <param name="IsBuffer">Whether GenNN keeps it in <see cref="INetwork{T}.Buffers"/> rather than <see cref="INetwork{T}.Parameters"/>.</param>
/// <param name="Shape">Its PyTorch shape.</param>
/// <param name="Conversion">How its values differ between the two sides.</param>
/// <param name="Meaning">What PyTorch calls the shape, for error messages: <c>nn.Linear.weight's [out, in]</c>.</param>
internal sealed record TorchTensor(
    string Name,
    LayerDescription Layer,
    TensorDescription Stored,
    bool IsBuffer,
    IReadOnlyList<int> Shape,
    TorchConversion Conversion,
    string Meaning);

/// <summary>How a tensor's values go between GenNN's storage and PyTorch's.</summary>
internal enum TorchConversion
{
    /// <summary>The same values in the same order, floating point on both sides.</summary>
    Copy,

    /// <summary>A matrix stored as the transpose of PyTorch's (dense weights, which GenNN keeps input-major).</summary>
    Transpose,

    /// <summary>
    /// The same values as <see cref="Copy"/>, none of them negative: BatchNorm's running variance, whose square root
    /// inference takes (a negative one would make the layer's outputs NaN).
    /// </summary>
    Variance,

    /// <summary>
    /// A count GenNN keeps as one floating-point value and PyTorch as an <c>int64</c> scalar of shape <c>[]</c>
    /// (BatchNorm's <c>num_batches_tracked</c>).
    /// </summary>
    Count,
}
