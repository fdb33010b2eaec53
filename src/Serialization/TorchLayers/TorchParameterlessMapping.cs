using System;
using System.Collections.Generic;

namespace GenNN.Serialization;

/// <summary>
/// A layer that is one parameterless module: max and average pools (<c>nn.MaxPool1d/2d</c>, <c>nn.AvgPool1d/2d</c>),
/// <c>nn.Flatten</c>, <c>nn.Dropout</c>, an activation layer (<c>nn.GELU</c>, ...), and a transpose (PyTorch has no
/// module for <c>x.transpose(1, 2)</c>: a model writes its own, which takes its place in the <c>nn.Sequential</c> all
/// the same). It holds no tensors but takes an <c>nn.Sequential</c> index.
/// </summary>
internal sealed class TorchParameterlessMapping : TorchLayerMapping
{
    public static readonly TorchParameterlessMapping Instance = new();

    public override int ModuleCount(LayerDescription layer) => 1;

    public override IReadOnlyList<TorchTensor> Tensors(string module, LayerDescription layer)
    {
        RequireStored(layer, [], []);
        return Array.Empty<TorchTensor>();
    }
}
