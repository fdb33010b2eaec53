using System;

namespace GenNN;

/// <summary>
/// Batch normalization (PyTorch's <c>nn.BatchNorm1d</c> on a vector <c>[N]</c> or a signal <c>[C, L]</c>,
/// <c>nn.BatchNorm2d</c> on an image <c>[C, H, W]</c>): each channel is normalized by statistics of the batch in
/// training, by running estimates in inference, then scaled by <c>gamma</c> (weight) and shifted by <c>beta</c> (bias).
/// Training computes the statistics over each block of samples the generated code processes together (the network's
/// public constant <c>BatchBlockSize</c>, up to 32); minibatches of at most that size match PyTorch exactly. The
/// running mean and variance live in the network's <c>Buffers</c>, never touched by optimizers.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute : Attribute
{
    /// <summary>How far each training block moves the running statistics: <c>running = (1 − m)·running + m·batch</c>. PyTorch's default, 0.1.</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>Added to the variance before its square root. PyTorch's default, 1e-5.</summary>
    public double Epsilon { get; set; } = 1e-5;

    /// <summary>The layer's name. Defaults to <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
