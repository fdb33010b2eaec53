using System.Collections.Immutable;
using System.Linq;
using GenNN.Generator.Helpers;

namespace GenNN.Generator.Model;

/// <summary>
/// The shape of one sample's values at some point of the network, outermost dimension first and channels first like
/// PyTorch: <c>[N]</c> a vector, <c>[C, L]</c> a signal or <c>[T, F]</c> a sequence, <c>[C, H, W]</c> an image. Stored row-major.
/// </summary>
/// <param name="Dimensions">The extents, each positive.</param>
internal sealed record TensorShape(EquatableArray<int> Dimensions)
{
    public static TensorShape Of(params int[] dimensions) => new(new EquatableArray<int>(ImmutableArray.Create(dimensions)));

    public int Rank => Dimensions.Count;

    public int this[int index] => Dimensions[index];

    /// <summary>
    /// The number of values, as a long: a product of user-given sizes may overflow an int, and of four of them a long,
    /// so it stops at <see cref="long.MaxValue"/> (every size check compares it with far smaller limits).
    /// </summary>
    public long LongLength => Dimensions.Aggregate(1L, (product, dimension) => dimension > 0 && product > long.MaxValue / dimension ? long.MaxValue : product * dimension);

    /// <summary>The number of values.</summary>
    public int Length => (int)LongLength;

    /// <summary>The values per channel: the product of all dimensions but the first (1 for a vector).</summary>
    public int SpatialLength => Rank == 1 ? 1 : Length / Dimensions[0];

    /// <summary>One step of a sequence <c>[T, F]</c>, <c>[F]</c>; <see langword="null"/> for a shape of another rank.</summary>
    public TensorShape? Step => Rank == 2 ? Of(Dimensions[1]) : null;

    /// <summary>The dimensions as a C# array initializer's elements: <c>1, 28, 28</c>.</summary>
    public string Elements => string.Join(", ", Dimensions.Select(Invariant.Text));

    /// <summary>As documented: <c>[1, 28, 28]</c>.</summary>
    public override string ToString() => "[" + Elements + "]";
}
