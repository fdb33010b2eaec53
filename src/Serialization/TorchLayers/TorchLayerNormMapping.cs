using System;
using System.Collections.Generic;
using System.Linq;

namespace GenNN.Serialization;

/// <summary>
/// Layer normalization: <c>nn.LayerNorm(normalized_shape)</c>, the trailing <c>NormalizedDimensions</c> dimensions of
/// the layer's shape. With elementwise affine, <c>weight</c> and <c>bias</c> both have the normalized shape on both
/// sides; without, the module holds no tensors (<c>elementwise_affine=False</c>).
/// </summary>
internal sealed class TorchLayerNormMapping : TorchLayerMapping
{
    public override int ModuleCount(LayerDescription layer) => 1;

    public override IReadOnlyList<TorchTensor> Tensors(string module, LayerDescription layer)
    {
        if (layer.Setting("ElementwiseAffine", 1) == 0)
        {
            RequireStored(layer, [], []);
            return Array.Empty<TorchTensor>();
        }

        RequireStored(layer, ["Weight", "Bias"], []);
        int dimensions = (int)layer.Setting("NormalizedDimensions", layer.InputShape.Count);
        int[] normalized = layer.InputShape.Skip(layer.InputShape.Count - dimensions).ToArray();
        return
        [
            Parameter(module, "weight", layer, layer.Tensors[0], normalized, normalized, TorchConversion.Copy, "nn.LayerNorm.weight's normalized_shape"),
            Parameter(module, "bias", layer, layer.Tensors[1], normalized, normalized, TorchConversion.Copy, "nn.LayerNorm.bias's normalized_shape"),
        ];
    }
}
