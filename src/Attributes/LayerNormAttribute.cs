using System;

namespace GenNN;

/// <summary>
/// Layer normalization (PyTorch's <c>nn.LayerNorm</c>): each sample is normalized by the mean and variance of its
/// own values over the trailing <see cref="NormalizedDimensions"/> dimensions, then, with
/// <see cref="ElementwiseAffine"/>, scaled and shifted elementwise. It behaves the same in training and inference.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormAttribute : Attribute
{
    /// <summary>
    /// How many trailing dimensions form the normalized shape; 0, the default, means all of the input's (PyTorch's
    /// <c>normalized_shape</c> = the whole sample shape).
    /// </summary>
    public int NormalizedDimensions { get; set; }

    /// <summary>Whether to learn a weight (ones at first) and a bias (zeros) of the normalized shape. True by default.</summary>
    public bool ElementwiseAffine { get; set; } = true;

    /// <summary>Added to the variance before its square root. PyTorch's default, 1e-5.</summary>
    public double Epsilon { get; set; } = 1e-5;

    /// <summary>The layer's name. Defaults to <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
