using System;

namespace GenNN;

/// <summary>
/// Views an image or signal as one vector, row-major (PyTorch's <c>nn.Flatten()</c>): <c>[C, H, W]</c> becomes
/// <c>[C·H·W]</c>. It costs nothing: the next layer reads the same memory. Required before a dense layer that follows
/// a convolution or pool.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute
{
    /// <summary>The layer's name. Defaults to <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
