using System;
using System.Numerics;

namespace GenNN.Data;

/// <summary>
/// A run of consecutive samples of a <see cref="Dataset{T}"/>: views of its arrays, laid out sample after sample as
/// the generated <c>TrainBatch(inputs, targets, learningRate)</c> takes them. Nothing is copied.
/// </summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>.</typeparam>
public readonly struct Minibatch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _features;
    private readonly T[] _targets;
    private readonly int[]? _labels;
    private readonly int _featureSize;
    private readonly int _targetSize;

    internal Minibatch(T[] features, T[] targets, int[]? labels, int featureSize, int targetSize, int start, int count)
    {
        _features = features;
        _targets = targets;
        _labels = labels;
        _featureSize = featureSize;
        _targetSize = targetSize;
        Start = start;
        Count = count;
    }

    /// <summary>The index in the dataset of the batch's first sample.</summary>
    public int Start { get; }

    /// <summary>The number of samples in the batch.</summary>
    public int Count { get; }

    /// <summary>The batch's features, sample after sample.</summary>
    public ReadOnlySpan<T> Inputs => _features.AsSpan(Start * _featureSize, Count * _featureSize);

    /// <summary>The batch's targets, sample after sample.</summary>
    public ReadOnlySpan<T> Targets => _targets.AsSpan(Start * _targetSize, Count * _targetSize);

    /// <summary>The batch's class indices.</summary>
    /// <exception cref="InvalidOperationException">The dataset has no labels.</exception>
    public ReadOnlySpan<int> Labels =>
        _labels is null
            ? throw new InvalidOperationException("This dataset has no class labels: it was built for regression or without labels.")
            : _labels.AsSpan(Start, Count);
}
