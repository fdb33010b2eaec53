using System;

namespace GenNN.Samples.Spirals;

/// <summary>
/// Labeled 2-D points, stored the way the generated network consumes them: <see cref="Features"/> holds the (x, y)
/// pairs one after another and <see cref="Targets"/> the matching one-hot class vectors, so any sample is a slice
/// of each and a minibatch is a copy of a few slices.
/// </summary>
internal sealed class LabeledPoints
{
    public const int FeatureCount = SpiralNet.InputSize;
    public const int ClassCount = SpiralNet.OutputSize;

    public LabeledPoints(int count)
    {
        Features = new float[count * FeatureCount];
        Targets = new float[count * ClassCount];
        Labels = new int[count];
    }

    public float[] Features { get; }

    public float[] Targets { get; }

    /// <summary>The class of each point, what <see cref="Targets"/> encodes one-hot; accuracy compares against it.</summary>
    public int[] Labels { get; }

    public int Count => Labels.Length;

    public ReadOnlySpan<float> FeaturesOf(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);

    public ReadOnlySpan<float> TargetsOf(int index) => Targets.AsSpan(index * ClassCount, ClassCount);

    public void Set(int index, float x, float y, int label)
    {
        Features[index * FeatureCount] = x;
        Features[(index * FeatureCount) + 1] = y;
        Span<float> target = Targets.AsSpan(index * ClassCount, ClassCount);
        target.Clear();
        target[label] = 1f;
        Labels[index] = label;
    }
}
