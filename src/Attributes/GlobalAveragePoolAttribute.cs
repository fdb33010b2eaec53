using System;

namespace GenNN;

/// <summary>
/// Averages each channel of an image <c>[C, H, W]</c> or signal <c>[C, L]</c> over all its positions, giving a vector
/// <c>[C]</c> (PyTorch's <c>nn.AdaptiveAvgPool2d(1)</c> followed by <c>nn.Flatten()</c>). No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAveragePoolAttribute : Attribute
{
    /// <summary>The layer's name. Defaults to <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
