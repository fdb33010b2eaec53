using System.Collections.Generic;

namespace GenNN.Serialization;

/// <summary>
/// Batch normalization: <c>nn.BatchNorm2d(C)</c> on an image <c>[C, H, W]</c>, <c>nn.BatchNorm1d(C)</c> on a signal
/// <c>[C, L]</c> or a vector <c>[C]</c>. Parameters <c>weight</c> and <c>bias</c> and buffers <c>running_mean</c> and
/// <c>running_var</c> are <c>[C]</c> on both sides. <c>num_batches_tracked</c> is an <c>int64</c> scalar of shape
/// <c>[]</c> in PyTorch (and as TorchSharp writes it), one floating-point value in GenNN's buffers.
/// </summary>
internal sealed class TorchBatchNormMapping : TorchLayerMapping
{
    public override int ModuleCount(LayerDescription layer) => 1;

    public override IReadOnlyList<TorchTensor> Tensors(string module, LayerDescription layer)
    {
        RequireStored(layer, ["Weight", "Bias"], ["RunningMean", "RunningVariance", "NumBatchesTracked"]);
        int channels = layer.InputShape[0];
        string torchModule = layer.InputShape.Count == 3 ? "nn.BatchNorm2d" : "nn.BatchNorm1d";
        int[] perChannel = [channels];
        return
        [
            Parameter(module, "weight", layer, layer.Tensors[0], perChannel, perChannel, TorchConversion.Copy, $"{torchModule}.weight's [num_features]"),
            Parameter(module, "bias", layer, layer.Tensors[1], perChannel, perChannel, TorchConversion.Copy, $"{torchModule}.bias's [num_features]"),
            Buffer(module, "running_mean", layer, layer.Buffers[0], perChannel, perChannel, TorchConversion.Copy, $"{torchModule}.running_mean's [num_features]"),
            Buffer(module, "running_var", layer, layer.Buffers[1], perChannel, perChannel, TorchConversion.Variance, $"{torchModule}.running_var's [num_features]"),
            Buffer(module, "num_batches_tracked", layer, layer.Buffers[2], [1], [], TorchConversion.Count, $"{torchModule}.num_batches_tracked's scalar []"),
        ];
    }
}
