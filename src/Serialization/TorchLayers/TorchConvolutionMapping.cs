using System.Collections.Generic;
using System.Linq;

namespace GenNN.Serialization;

/// <summary>
/// A 1-D or 2-D convolution: <c>nn.Conv1d</c> / <c>nn.Conv2d</c>, then its activation module unless Identity. GenNN
/// stores the weights in PyTorch's layout, <c>[out_channels, in_channels / groups, (kernel,) kernel]</c>, and the bias
/// as <c>[out_channels]</c>, so both are copied as they are.
/// </summary>
/// <param name="torchModule">PyTorch's module class, for error messages.</param>
internal sealed class TorchConvolutionMapping(string torchModule) : TorchLayerMapping
{
    public override int ModuleCount(LayerDescription layer) => 1 + ActivationModules(layer);

    public override IReadOnlyList<TorchTensor> Tensors(string module, LayerDescription layer)
    {
        RequireStored(layer, ["Weights", "Bias"], []);
        int filters = layer.OutputShape[0];
        int groups = (int)layer.Setting("Groups", 1);
        int kernel = (int)layer.Setting("KernelSize");
        int[] weights = new[] { filters, layer.InputShape[0] / groups }.Concat(Enumerable.Repeat(kernel, layer.InputShape.Count - 1)).ToArray();
        string spatial = layer.InputShape.Count == 2 ? "kernel" : "kH, kW";
        return
        [
            Parameter(module, "weight", layer, layer.Tensors[0], weights, weights, TorchConversion.Copy, $"{torchModule}.weight's [out_channels, in_channels / groups, {spatial}]"),
            Parameter(module, "bias", layer, layer.Tensors[1], [filters], [filters], TorchConversion.Copy, $"{torchModule}.bias's [out_channels]"),
        ];
    }
}
