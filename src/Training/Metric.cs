using System;
using System.Numerics;

namespace GenNN.Training;

/// <summary>
/// A score the fit loop reports each epoch beside the loss, on the training set (as <see cref="Name"/>) and on the
/// validation set (as <c>val_</c> + <see cref="Name"/>). Use <see cref="Accuracy"/>, wrap a per-sample function with
/// <see cref="FromSamples"/>, or derive and implement <see cref="Compute{T}"/> for a metric over the whole set.
/// </summary>
public abstract class Metric
{
    /// <summary>Names the metric and says which way is better.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, <c>loss</c>, or starts with <c>val_</c>.</exception>
    protected Metric(string name, bool higherIsBetter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name == "loss" || name.StartsWith("val_", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is reserved: the loss is always reported, and 'val_' marks validation values.", nameof(name));
        }

        Name = name;
        HigherIsBetter = higherIsBetter;
    }

    /// <summary>
    /// Classification accuracy, read from the output layer: for one output, or sigmoid outputs, each output counts as
    /// class 1 when above 0.5 and is compared with its target thresholded the same way (Keras's <c>binary_accuracy</c>,
    /// averaged over every output, which compares the target itself: the same for 0/1 targets, and soft targets count
    /// by their side of 0.5 here); otherwise the output's largest element must be at the target's largest
    /// (<c>categorical_accuracy</c> for one-hot or probability targets).
    /// </summary>
    public static Metric Accuracy { get; } = new AccuracyMetric();

    /// <summary>The key in the epoch's values (<c>accuracy</c>, ...).</summary>
    public string Name { get; }

    /// <summary>Whether larger values are better; <see cref="MonitorMode.Auto"/> follows it.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>A metric that averages <paramref name="function"/> over the samples.</summary>
    /// <param name="name">The metric's key (<c>mae</c>, ...).</param>
    /// <param name="function">Scores one sample from its output and target (converted to <see langword="double"/>).</param>
    /// <param name="higherIsBetter">Whether larger values are better.</param>
    public static Metric FromSamples(string name, SampleMetric function, bool higherIsBetter = false)
        => new SampleMeanMetric(name, function, higherIsBetter);

    /// <summary>Scores the network's <paramref name="predictions"/> on a whole set.</summary>
    public abstract double Compute<T>(Predictions<T> predictions)
        where T : unmanaged, IFloatingPointIeee754<T>;
}
