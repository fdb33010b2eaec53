using System;
using System.Collections.Generic;

namespace GenNN.Serialization;

/// <summary>
/// A global average pool, <c>[C, H, W]</c> or <c>[C, L]</c> to <c>[C]</c>: PyTorch has no single module for it, so it is
/// two, <c>nn.AdaptiveAvgPool2d(1)</c> (or <c>1d</c>) then <c>nn.Flatten()</c>, and takes two <c>nn.Sequential</c>
/// indices. (<c>torch.mean</c> over the spatial dimensions is a function, not a module, and a custom module would not
/// be in every PyTorch installation.)
/// </summary>
internal sealed class TorchGlobalAveragePoolMapping : TorchLayerMapping
{
    public override int ModuleCount(LayerDescription layer) => 2;

    public override IReadOnlyList<TorchTensor> Tensors(string module, LayerDescription layer)
    {
        RequireStored(layer, [], []);
        return Array.Empty<TorchTensor>();
    }
}
