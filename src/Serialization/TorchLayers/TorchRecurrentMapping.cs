using System.Collections.Generic;

namespace GenNN.Serialization;

/// <summary>
/// A recurrent layer: one <c>nn.RNN</c>, <c>nn.LSTM</c> or <c>nn.GRU</c> module (<c>batch_first=True</c>, one layer),
/// with PyTorch's names <c>weight_ih_l0</c> <c>[G·H, F]</c>, <c>weight_hh_l0</c> <c>[G·H, H]</c> (the transposes of
/// GenNN's input-major weights), <c>bias_ih_l0</c> and <c>bias_hh_l0</c> <c>[G·H]</c>, and the same with
/// <c>_reverse</c> for a bidirectional layer's second direction. Taking the last step (without
/// <c>ReturnSequences</c>) is a line of the model's <c>forward</c>, not a module, so the layer takes one index.
/// </summary>
/// <param name="torchModule">PyTorch's module class, for error messages.</param>
/// <param name="gates">Gate blocks per unit: 1 (RNN), 4 (LSTM), 3 (GRU).</param>
internal sealed class TorchRecurrentMapping(string torchModule, int gates) : TorchLayerMapping
{
    private static readonly string[] OneDirection = ["WeightIh", "WeightHh", "BiasIh", "BiasHh"];

    private static readonly string[] TwoDirections = ["WeightIh", "WeightHh", "BiasIh", "BiasHh", "WeightIhReverse", "WeightHhReverse", "BiasIhReverse", "BiasHhReverse"];

    public override int ModuleCount(LayerDescription layer) => 1;

    public override IReadOnlyList<TorchTensor> Tensors(string module, LayerDescription layer)
    {
        bool bidirectional = layer.Setting("Bidirectional") != 0;
        RequireStored(layer, bidirectional ? TwoDirections : OneDirection, []);
        int features = layer.InputShape[1];
        int units = (int)layer.Setting("Units");
        int gateUnits = gates * units;
        var tensors = new List<TorchTensor>();
        for (int direction = 0; direction < (bidirectional ? 2 : 1); direction++)
        {
            string suffix = direction == 0 ? string.Empty : "_reverse";
            int at = direction * 4;
            tensors.Add(Parameter(module, "weight_ih_l0" + suffix, layer, layer.Tensors[at], [features, gateUnits], [gateUnits, features], TorchConversion.Transpose, $"{torchModule}.weight_ih_l0{suffix}'s [gates·hidden, input]"));
            tensors.Add(Parameter(module, "weight_hh_l0" + suffix, layer, layer.Tensors[at + 1], [units, gateUnits], [gateUnits, units], TorchConversion.Transpose, $"{torchModule}.weight_hh_l0{suffix}'s [gates·hidden, hidden]"));
            tensors.Add(Parameter(module, "bias_ih_l0" + suffix, layer, layer.Tensors[at + 2], [gateUnits], [gateUnits], TorchConversion.Copy, $"{torchModule}.bias_ih_l0{suffix}'s [gates·hidden]"));
            tensors.Add(Parameter(module, "bias_hh_l0" + suffix, layer, layer.Tensors[at + 3], [gateUnits], [gateUnits], TorchConversion.Copy, $"{torchModule}.bias_hh_l0{suffix}'s [gates·hidden]"));
        }

        return tensors;
    }
}
