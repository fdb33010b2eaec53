using System;

namespace GenNN;

/// <summary>
/// Max pooling over an image <c>[C, H, W]</c>, PyTorch's <c>nn.MaxPool2d</c>: each channel's windows of <c>kernelSize</c> × <c>kernelSize</c> are reduced to their
/// largest value. Backward routes each gradient to the first maximum of its window, as PyTorch does. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute : Attribute
{
    /// <summary>Declares a pool with windows of <paramref name="kernelSize"/> × <paramref name="kernelSize"/>.</summary>
    public MaxPool2DAttribute(int kernelSize) => KernelSize = kernelSize;

    /// <summary>The window's extent.</summary>
    public int KernelSize { get; }

    /// <summary>The step between two windows; 0, the default, means the kernel size (PyTorch's default).</summary>
    public int Stride { get; set; }

    /// <summary>Padding (never chosen as a maximum) added on each side of each spatial dimension, at most half the kernel. 0 by default.</summary>
    public int PaddingSize { get; set; }

    /// <summary>The layer's name. Defaults to <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
