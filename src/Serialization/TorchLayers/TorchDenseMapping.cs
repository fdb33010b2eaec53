using System.Collections.Generic;

namespace GenNN.Serialization;

/// <summary>
/// A dense layer: <c>nn.Linear(in, out)</c>, then its activation module unless Identity. <c>weight</c> is
/// <c>[out, in]</c>, the transpose of GenNN's input-major <c>[in, out]</c>; <c>bias</c> is <c>[out]</c>.
/// </summary>
internal sealed class TorchDenseMapping : TorchLayerMapping
{
    public override int ModuleCount(LayerDescription layer) => 1 + ActivationModules(layer);

    public override IReadOnlyList<TorchTensor> Tensors(string module, LayerDescription layer)
    {
        RequireStored(layer, ["Weights", "Bias"], []);
        int inputs = layer.InputSize;
        int outputs = layer.OutputSize;
        return
        [
            Parameter(module, "weight", layer, layer.Tensors[0], [inputs, outputs], [outputs, inputs], TorchConversion.Transpose, "nn.Linear.weight's [out, in]"),
            Parameter(module, "bias", layer, layer.Tensors[1], [outputs], [outputs], TorchConversion.Copy, "nn.Linear.bias's [out]"),
        ];
    }
}
