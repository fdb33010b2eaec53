using System;
using System.Numerics;

namespace GenNN.Data;

/// <summary>
/// Samples held in memory as two contiguous arrays, features sample after sample and targets sample after sample,
/// the layout the generated <c>TrainBatch</c> and <c>Forward</c> take. Classification sets also keep each sample's
/// class index (<see cref="Labels"/>).
/// </summary>
/// <remarks>
/// <see cref="Shuffle(ref SeededRandom)"/> reorders the samples in place, so that after it every minibatch
/// (<see cref="Minibatches"/>) is a contiguous slice of the arrays: training reads the data where it lies instead of
/// gathering each batch. Splits and subsets are copies, so shuffling one never disturbs another.
/// </remarks>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>, the network's precision.</typeparam>
public sealed class Dataset<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _features;
    private readonly T[] _targets;
    private readonly int[]? _labels;

    /// <summary>Wraps the given arrays (without copying them).</summary>
    /// <param name="features">The features, <paramref name="featureSize"/> values per sample, sample after sample.</param>
    /// <param name="featureSize">The number of features of one sample (the network's input size).</param>
    /// <param name="targets">The targets, <paramref name="targetSize"/> values per sample, in the same sample order.</param>
    /// <param name="targetSize">The number of targets of one sample (the network's output size).</param>
    /// <param name="labels">
    /// For classification, each sample's class index in [0, <paramref name="targetSize"/>); <see langword="null"/> otherwise.
    /// </param>
    /// <exception cref="ArgumentException">The arrays do not hold the same number of whole samples, or a label is out of range.</exception>
    public Dataset(T[] features, int featureSize, T[] targets, int targetSize, int[]? labels = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSize);
        if (features.Length % featureSize != 0)
        {
            throw new ArgumentException(
                $"The features' length {features.Length} is not a multiple of the feature size {featureSize}.", nameof(features));
        }

        int count = features.Length / featureSize;
        if (targets.Length != count * (long)targetSize)
        {
            throw new ArgumentException(
                $"{count} samples of {featureSize} features need {count * (long)targetSize} targets of size {targetSize}, but {targets.Length} were given.",
                nameof(targets));
        }

        if (labels is not null)
        {
            if (labels.Length != count)
            {
                throw new ArgumentException($"{count} samples need {count} labels, but {labels.Length} were given.", nameof(labels));
            }

            for (int i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= (uint)targetSize)
                {
                    throw new ArgumentException(
                        $"Sample {i} has label {labels[i]}, outside the {targetSize} classes [0, {targetSize - 1}].", nameof(labels));
                }
            }
        }

        _features = features;
        _targets = targets;
        _labels = labels;
        FeatureSize = featureSize;
        TargetSize = targetSize;
        Count = count;
    }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The number of features of one sample.</summary>
    public int FeatureSize { get; }

    /// <summary>The number of targets of one sample.</summary>
    public int TargetSize { get; }

    /// <summary>Whether each sample has a class index (<see cref="Labels"/>).</summary>
    public bool HasLabels => _labels is not null;

    /// <summary>All features, sample after sample. Writable, for scaling in place (see <see cref="FeatureScaler{T}"/>).</summary>
    public Span<T> Features => _features;

    /// <summary>All targets, sample after sample. Writable, for scaling in place.</summary>
    public Span<T> Targets => _targets;

    /// <summary>Each sample's class index.</summary>
    /// <exception cref="InvalidOperationException">The dataset has no labels.</exception>
    public ReadOnlySpan<int> Labels => _labels ?? throw NoLabels();

    /// <summary>The features as memory, for the fit loop, which keeps them across calls (no copy).</summary>
    internal ReadOnlyMemory<T> FeatureMemory => _features;

    /// <summary>The targets as memory, for the fit loop (no copy).</summary>
    internal ReadOnlyMemory<T> TargetMemory => _targets;

    /// <summary>
    /// A classification set: features plus class indices, with one-hot targets built from the indices
    /// (1 for the sample's class, 0 elsewhere), the form CrossEntropy with a Softmax output trains on.
    /// </summary>
    /// <exception cref="ArgumentException">The features do not hold one sample per label, or a label is out of range.</exception>
    public static Dataset<T> ForClassification(T[] features, int featureSize, int[] labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var targets = new T[labels.Length * (long)classCount];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] < (uint)classCount)
            {
                targets[(i * classCount) + labels[i]] = T.One;
            }
        }

        return new Dataset<T>(features, featureSize, targets, classCount, labels);
    }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<T> FeaturesOf(int index) => _features.AsSpan(CheckIndex(index) * FeatureSize, FeatureSize);

    /// <summary>The targets of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<T> TargetsOf(int index) => _targets.AsSpan(CheckIndex(index) * TargetSize, TargetSize);

    /// <summary>The class index of sample <paramref name="index"/>.</summary>
    /// <exception cref="InvalidOperationException">The dataset has no labels.</exception>
    public int LabelOf(int index) => (_labels ?? throw NoLabels())[CheckIndex(index)];

    /// <summary>
    /// Reorders the samples in place, uniformly and reproducibly for a given seed: sample <c>k</c> afterwards is the
    /// one at <c>order[k]</c>, where <c>order</c> is <c>0 … Count−1</c> shuffled by
    /// <see cref="SeededRandom.Shuffle{TItem}(Span{TItem})"/> (Fisher–Yates) with <c>new SeededRandom(seed)</c>.
    /// </summary>
    public void Shuffle(long seed)
    {
        var random = new SeededRandom(seed);
        Shuffle(ref random);
    }

    /// <summary>
    /// Reorders the samples in place as <see cref="SeededRandom.Shuffle{TItem}(Span{TItem})"/> would reorder their
    /// indices, drawing from <paramref name="random"/>; pass the same generator every epoch for a fresh, reproducible
    /// order each time.
    /// </summary>
    public void Shuffle(ref SeededRandom random)
    {
        var scratch = new T[Math.Max(FeatureSize, TargetSize)];
        for (int i = Count - 1; i > 0; i--)
        {
            int j = random.NextInt32(i + 1);
            if (i != j)
            {
                SwapRows(_features, FeatureSize, i, j, scratch);
                SwapRows(_targets, TargetSize, i, j, scratch);
                if (_labels is not null)
                {
                    (_labels[i], _labels[j]) = (_labels[j], _labels[i]);
                }
            }
        }
    }

    /// <summary>A copy of the samples [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    public Dataset<T> Subset(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count - start, nameof(count));
        return new Dataset<T>(
            _features.AsSpan(start * FeatureSize, count * FeatureSize).ToArray(),
            FeatureSize,
            _targets.AsSpan(start * TargetSize, count * TargetSize).ToArray(),
            TargetSize,
            _labels?.AsSpan(start, count).ToArray());
    }

    /// <summary>
    /// Splits a seeded random permutation of the samples into training, validation and test sets (copies; this
    /// dataset is unchanged). Each fraction's count is rounded to the nearest whole sample; training gets the rest.
    /// </summary>
    /// <param name="validationFraction">The share of samples for validation, in [0, 1].</param>
    /// <param name="testFraction">The share of samples for testing, in [0, 1]; the two shares add up to at most 1.</param>
    /// <param name="seed">Seeds the permutation, so the same seed always gives the same split.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is outside [0, 1], or they add up to more than 1.</exception>
    public DatasetSplit<T> Split(double validationFraction, double testFraction, long seed)
    {
        if (!(validationFraction >= 0 && validationFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "A fraction lies in [0, 1].");
        }

        // The tolerance lets shares such as 0.2 and 0.8 through, whose binary sum rounds just above 1.
        if (!(testFraction >= 0 && validationFraction + testFraction <= 1 + 1e-9))
        {
            throw new ArgumentOutOfRangeException(
                nameof(testFraction), testFraction, $"A fraction lies in [0, 1] and with the validation fraction ({validationFraction}) adds up to at most 1.");
        }

        int validationCount = (int)Math.Round(Count * validationFraction, MidpointRounding.AwayFromZero);
        int testCount = Math.Min((int)Math.Round(Count * testFraction, MidpointRounding.AwayFromZero), Count - validationCount);
        int trainCount = Count - validationCount - testCount;

        var order = new int[Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var random = new SeededRandom(seed);
        random.Shuffle(order.AsSpan());
        return new DatasetSplit<T>(
            Gather(order.AsSpan(0, trainCount)),
            Gather(order.AsSpan(trainCount, validationCount)),
            Gather(order.AsSpan(trainCount + validationCount, testCount)));
    }

    /// <summary>
    /// The samples in their current order as minibatches of <paramref name="batchSize"/> (the last one shorter when
    /// the count is not a multiple). Each batch is a view of this dataset's arrays, not a copy; shuffle between epochs
    /// with <see cref="Shuffle(ref SeededRandom)"/>, not while enumerating.
    /// </summary>
    public MinibatchSequence<T> Minibatches(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return new MinibatchSequence<T>(_features, _targets, _labels, FeatureSize, TargetSize, Count, batchSize);
    }

    private Dataset<T> Gather(ReadOnlySpan<int> indices)
    {
        var features = new T[indices.Length * FeatureSize];
        var targets = new T[indices.Length * TargetSize];
        int[]? labels = _labels is null ? null : new int[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            FeaturesOf(i).CopyTo(features.AsSpan(k * FeatureSize));
            TargetsOf(i).CopyTo(targets.AsSpan(k * TargetSize));
            if (labels is not null)
            {
                labels[k] = _labels![i];
            }
        }

        return new Dataset<T>(features, FeatureSize, targets, TargetSize, labels);
    }

    private static void SwapRows(T[] values, int rowSize, int i, int j, T[] scratch)
    {
        Span<T> first = values.AsSpan(i * rowSize, rowSize);
        Span<T> second = values.AsSpan(j * rowSize, rowSize);
        Span<T> temporary = scratch.AsSpan(0, rowSize);
        first.CopyTo(temporary);
        second.CopyTo(first);
        temporary.CopyTo(second);
    }

    private int CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return index;
    }

    private static InvalidOperationException NoLabels() =>
        new("This dataset has no class labels: it was built for regression or without labels.");
}
