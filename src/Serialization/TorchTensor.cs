using System.Collections.Generic;

namespace GenNN.Serialization;

/// <summary>One of a network's parameter tensors as PyTorch holds it.</summary>
/// <param name="Name">Its <c>state_dict()</c> name, e.g. <c>0.weight</c>.</param>
/// <param name="Layer">The layer it belongs to.</param>
/// <param name="Stored">The tensor as GenNN stores it.</param>
/// <param name="Shape">Its PyTorch shape (<c>[out, in]</c> for a weight).</param>
/// <param name="Transposed">
/// Whether the PyTorch tensor is the transpose of the stored one (dense weights, which GenNN keeps input-major).
/// </param>
internal sealed record TorchTensor(string Name, LayerDescription Layer, TensorDescription Stored, IReadOnlyList<int> Shape, bool Transposed);
