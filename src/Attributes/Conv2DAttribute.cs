using System;

namespace GenNN;

/// <summary>
/// A 2-D convolution, PyTorch's <c>nn.Conv2d</c>: <c>out[f] = activation(bias[f] + Σ_c weight[f, c] ⋆ in[c])</c> over a
/// image <c>[C, H, W]</c>, channels first. Weights are stored in PyTorch's layout, <c>[filters, in_channels / Groups, kernel, kernel]</c>, so they map one to one.
/// Each filter sees <c>in_channels / Groups</c> input channels; <c>Groups</c> equal to the input channels and to
/// <c>filters</c> is a depthwise convolution.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : Attribute
{
    /// <summary>Declares a convolution with <paramref name="filters"/> output channels and a kernel of <paramref name="kernelSize"/> × <paramref name="kernelSize"/>.</summary>
    public Conv2DAttribute(int filters, int kernelSize, Activation activation = Activation.Identity)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Activation = activation;
    }

    /// <summary>The number of output channels.</summary>
    public int Filters { get; }

    /// <summary>The kernel's extent × itself.</summary>
    public int KernelSize { get; }

    /// <summary>The activation applied to each output value.</summary>
    public Activation Activation { get; }

    /// <summary>The step between two windows. 1 by default.</summary>
    public int Stride { get; set; } = 1;

    /// <summary><see cref="GenNN.Padding.Same"/> pads so the output keeps the input's size (stride 1 only); <see cref="GenNN.Padding.Valid"/>, the default, pads by <see cref="PaddingSize"/>.</summary>
    public Padding Padding { get; set; }

    /// <summary>Zeros added on each side of each spatial dimension (PyTorch's integer <c>padding</c>). 0 by default.</summary>
    public int PaddingSize { get; set; }

    /// <summary>The spacing between kernel taps. 1 by default.</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>Splits the channels into this many independent groups. 1 by default.</summary>
    public int Groups { get; set; } = 1;

    /// <summary>The layer's name, used for the generated members. Defaults to <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The slope for negative inputs of <see cref="Activation.LeakyReLU"/> (PyTorch's default, 0.01). Only LeakyReLU
    /// reads it: given with another activation it is a compile-time error (GNN0034).
    /// </summary>
    public double NegativeSlope { get; set; } = 0.01;

    /// <summary>
    /// The scale of <see cref="Activation.ELU"/>'s negative part (PyTorch's default, 1). Only ELU reads it: given with
    /// another activation it is a compile-time error (GNN0034).
    /// </summary>
    public double Alpha { get; set; } = 1.0;
}
