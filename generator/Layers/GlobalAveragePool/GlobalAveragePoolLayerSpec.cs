using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.GlobalAveragePool;

/// <summary>The mean of each channel over all its positions: <c>[C, H, W]</c> or <c>[C, L]</c> to <c>[C]</c> (PyTorch's <c>AdaptiveAvgPool(1)</c> then <c>Flatten</c>).</summary>
internal sealed record GlobalAveragePoolLayerSpec(string Name, TensorShape InputShape)
    : LayerSpec(Name, InputShape, TensorShape.Of(InputShape[0]))
{
    public override string KindName => "GlobalAveragePool";

    public override SignalAxes? ReadsAxes => InputShape.Rank == 2 ? SignalAxes.ChannelsFirst : null;

    public override long Flops => InputShape.Length;

    /// <summary>PyTorch has no single module for it: <c>nn.AdaptiveAvgPool2d(1)</c> (or <c>1d</c>) then <c>nn.Flatten()</c>.</summary>
    public override int TorchModuleCount => 2;
}
