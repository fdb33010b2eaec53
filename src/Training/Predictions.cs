using System;
using System.Numerics;

namespace GenNN.Training;

/// <summary>
/// A network's outputs on a set of samples beside the targets, both laid out sample after sample: what a
/// <see cref="Metric"/> scores.
/// </summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>.</typeparam>
public readonly ref struct Predictions<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Pairs <paramref name="outputs"/> with <paramref name="targets"/>.</summary>
    /// <exception cref="ArgumentException">The spans do not both hold the same whole number of samples of the network's output size.</exception>
    public Predictions(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, NetworkDescription network)
    {
        ArgumentNullException.ThrowIfNull(network);
        int count = SpanGuard.CountSamples(outputs.Length, network.OutputSize, nameof(outputs));
        SpanGuard.RequireBatchLength(targets.Length, network.OutputSize, count, nameof(targets));
        Outputs = outputs;
        Targets = targets;
        Network = network;
        Count = count;
    }

    /// <summary>Every output, sample after sample.</summary>
    public ReadOnlySpan<T> Outputs { get; }

    /// <summary>Every target, sample after sample.</summary>
    public ReadOnlySpan<T> Targets { get; }

    /// <summary>The network that made the outputs (its output activation tells how to read them).</summary>
    public NetworkDescription Network { get; }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The length of one output (and one target).</summary>
    public int OutputSize => Network.OutputSize;

    /// <summary>The output for sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<T> Output(int index) => Outputs.Slice(index * OutputSize, OutputSize);

    /// <summary>The target for sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<T> Target(int index) => Targets.Slice(index * OutputSize, OutputSize);
}
