using System.Collections.Generic;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Pooling;

/// <summary>
/// Max or average pooling over a signal <c>[C, L]</c> or an image <c>[C, H, W]</c>, PyTorch's <c>nn.MaxPool1d/2d</c>
/// and <c>nn.AvgPool1d/2d</c> (floor mode; average counts padding as zeros). No parameters; max pooling's backward
/// finds each window's maximum again from the kept input rather than storing it.
/// </summary>
internal sealed record PoolingLayerSpec(string Name, TensorShape InputShape, TensorShape OutputShape, bool IsMax, int Kernel, int Stride, int Padding)
    : LayerSpec(Name, InputShape, OutputShape)
{
    public int Dimensions => InputShape.Rank - 1;

    public override SignalAxes? ReadsAxes => Dimensions == 1 ? SignalAxes.ChannelsFirst : null;

    public override SignalAxes? WritesAxes(SignalAxes? input) => Dimensions == 1 ? SignalAxes.ChannelsFirst : null;

    public override string KindName => (IsMax ? "MaxPool" : "AvgPool") + (Dimensions == 1 ? "1D" : "2D");

    public override string Summary
        => $"{KindName} kernel {(Dimensions == 1 ? Invariant.Text(Kernel) : $"{Invariant.Text(Kernel)}×{Invariant.Text(Kernel)}")}, stride {Invariant.Text(Stride)}, padding {Invariant.Text(Padding)}";

    public override IReadOnlyList<LayerSetting> Settings => new[]
    {
        new LayerSetting("KernelSize", Kernel),
        new LayerSetting("Stride", Stride),
        new LayerSetting("Padding", Padding),
    };

    public override long Flops => (long)OutputShape.Length * Kernel * (Dimensions == 1 ? 1 : Kernel);
}
