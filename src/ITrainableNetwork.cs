using System;
using System.Numerics;

namespace GenNN;

/// <summary>A generated network that declares a loss, and so can compute gradients and train.</summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>.</typeparam>
public interface ITrainableNetwork<T> : INetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The accumulated loss gradient, laid out exactly like <see cref="INetwork{T}.Parameters"/>.</summary>
    Span<T> Gradients { get; }

    /// <summary>Returns the loss of one sample without touching the gradients.</summary>
    T ComputeLoss(ReadOnlySpan<T> input, ReadOnlySpan<T> target);

    /// <summary>Adds the exact loss gradient of one sample to <see cref="Gradients"/> and returns the sample's loss.</summary>
    T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target);

    /// <summary>Plain SGD on the accumulated gradients: <c>θ ← θ − learningRate · g</c>, then <c>g ← 0</c>.</summary>
    void ApplyGradients(T learningRate);

    /// <summary>Sets every gradient to zero.</summary>
    void ZeroGradients();

    /// <summary>One SGD step on one sample; returns its loss (measured before the update).</summary>
    T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate);

    /// <summary>
    /// One SGD step on a minibatch stored sample after sample in <paramref name="inputs"/> and
    /// <paramref name="targets"/>: accumulates every sample's gradient, averages, updates, zeroes.
    /// Returns the batch's mean loss (measured before the update).
    /// </summary>
    T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);
}
