using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GenNN.Data;

/// <summary>
/// A per-feature affine rescaling <c>x' = (x − offset) · scale</c>, fitted on a training set and then applied
/// unchanged to every set (training, validation, test, new inputs), so nothing about the held-out data leaks into
/// training.
/// </summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>.</typeparam>
public sealed class FeatureScaler<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _offsets;
    private readonly T[] _scales;

    /// <summary>A scaler with the given offsets and scales, one per feature (for example, restored from a file).</summary>
    /// <exception cref="ArgumentException">The arrays are empty or differ in length.</exception>
    public FeatureScaler(T[] offsets, T[] scales)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(scales);
        if (offsets.Length == 0 || offsets.Length != scales.Length)
        {
            throw new ArgumentException(
                $"Expected one offset and one scale per feature, but got {offsets.Length} offsets and {scales.Length} scales.", nameof(scales));
        }

        _offsets = offsets;
        _scales = scales;
    }

    /// <summary>The number of features the scaler transforms.</summary>
    public int FeatureSize => _offsets.Length;

    /// <summary>What is subtracted from each feature.</summary>
    public ReadOnlySpan<T> Offsets => _offsets;

    /// <summary>What each feature is then multiplied by.</summary>
    public ReadOnlySpan<T> Scales => _scales;

    /// <summary>
    /// Standardization (z-score): each feature gets mean 0 and standard deviation 1 on <paramref name="training"/>
    /// (the population standard deviation, as scikit-learn's <c>StandardScaler</c>). A feature that is constant on the
    /// training set is only centred.
    /// </summary>
    /// <exception cref="ArgumentException">The training set is empty, or holds a NaN or infinite feature.</exception>
    public static FeatureScaler<T> FitStandardization(Dataset<T> training)
    {
        RequireSamples(training);
        int size = training.FeatureSize;
        var mean = new double[size];
        var squares = new double[size];
        ReadOnlySpan<T> features = training.Features;
        for (int i = 0; i < training.Count; i++)
        {
            ReadOnlySpan<T> sample = features.Slice(i * size, size);
            for (int f = 0; f < size; f++)
            {
                // Welford's update: stable where summing squares and subtracting the squared mean cancels badly.
                double x = double.CreateChecked(sample[f]);
                double delta = x - mean[f];
                mean[f] += delta / (i + 1);
                squares[f] += delta * (x - mean[f]);
            }
        }

        var offsets = new T[size];
        var scales = new T[size];
        for (int f = 0; f < size; f++)
        {
            double deviation = Math.Sqrt(squares[f] / training.Count);
            offsets[f] = T.CreateChecked(mean[f]);
            scales[f] = T.CreateChecked(deviation > 0 ? 1 / deviation : 1);
        }

        return new FeatureScaler<T>(offsets, scales);
    }

    /// <summary>
    /// Min-max scaling: each feature maps its range on <paramref name="training"/> onto [0, 1] (values outside that
    /// range in other sets land outside [0, 1]). A feature that is constant on the training set maps to 0.
    /// </summary>
    /// <exception cref="ArgumentException">The training set is empty, or holds a NaN or infinite feature.</exception>
    public static FeatureScaler<T> FitMinMax(Dataset<T> training)
    {
        RequireSamples(training);
        int size = training.FeatureSize;
        var minimum = new T[size];
        var maximum = new T[size];
        ReadOnlySpan<T> features = training.Features;
        features.Slice(0, size).CopyTo(minimum);
        features.Slice(0, size).CopyTo(maximum);
        for (int i = 1; i < training.Count; i++)
        {
            ReadOnlySpan<T> sample = features.Slice(i * size, size);
            for (int f = 0; f < size; f++)
            {
                minimum[f] = T.Min(minimum[f], sample[f]);
                maximum[f] = T.Max(maximum[f], sample[f]);
            }
        }

        var scales = new T[size];
        for (int f = 0; f < size; f++)
        {
            T range = maximum[f] - minimum[f];
            scales[f] = range > T.Zero ? T.One / range : T.One;
        }

        return new FeatureScaler<T>(minimum, scales);
    }

    /// <summary>Rescales the features of every sample of <paramref name="dataset"/> in place.</summary>
    /// <exception cref="ArgumentException">The dataset has another number of features.</exception>
    public void Transform(Dataset<T> dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.FeatureSize != FeatureSize)
        {
            throw new ArgumentException(
                $"The scaler was fitted on {FeatureSize} features, but the dataset has {dataset.FeatureSize}.", nameof(dataset));
        }

        Transform(dataset.Features);
    }

    /// <summary>Rescales in place features laid out sample after sample (one sample or many).</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of <see cref="FeatureSize"/>.</exception>
    public void Transform(Span<T> features)
    {
        if (features.Length % FeatureSize != 0)
        {
            throw new ArgumentException(
                $"Expected whole samples of {FeatureSize} features, but the span has length {features.Length}.", nameof(features));
        }

        int count = features.Length / FeatureSize;
        for (int i = 0; i < count; i++)
        {
            Span<T> sample = features.Slice(i * FeatureSize, FeatureSize);
            for (int f = 0; f < sample.Length; f++)
            {
                sample[f] = (sample[f] - _offsets[f]) * _scales[f];
            }
        }
    }

    private static void RequireSamples(Dataset<T> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count == 0)
        {
            throw new ArgumentException("A scaler is fitted on at least one sample.", nameof(training));
        }

        // A NaN would make its feature's offset or scale NaN, and every value scaled with it.
        if (!TensorPrimitives.IsFiniteAll(training.Features))
        {
            throw new ArgumentException("A scaler is fitted on finite features: the training set holds NaN or infinite values.", nameof(training));
        }
    }
}
