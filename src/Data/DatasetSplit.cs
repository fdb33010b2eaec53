using System.Numerics;

namespace GenNN.Data;

/// <summary>A dataset split into disjoint training, validation and test sets (see <see cref="Dataset{T}.Split"/>).</summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>.</typeparam>
/// <param name="Train">The samples to fit the parameters (and any feature scaling) on.</param>
/// <param name="Validation">The samples to choose hyperparameters and stop early on.</param>
/// <param name="Test">The samples held back for the final measurement.</param>
public sealed record DatasetSplit<T>(Dataset<T> Train, Dataset<T> Validation, Dataset<T> Test)
    where T : unmanaged, IFloatingPointIeee754<T>;
