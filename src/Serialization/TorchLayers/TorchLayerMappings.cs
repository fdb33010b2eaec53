using System;
using System.Collections.Generic;

namespace GenNN.Serialization;

/// <summary>The <see cref="TorchLayerMapping"/> of every layer kind, by <see cref="LayerDescription.Kind"/>.</summary>
internal static class TorchLayerMappings
{
    private static readonly Dictionary<string, TorchLayerMapping> ByKind = new(StringComparer.Ordinal)
    {
        ["Dense"] = new TorchDenseMapping(),
        ["Conv1D"] = new TorchConvolutionMapping("nn.Conv1d"),
        ["Conv2D"] = new TorchConvolutionMapping("nn.Conv2d"),
        ["BatchNorm"] = new TorchBatchNormMapping(),
        ["LayerNorm"] = new TorchLayerNormMapping(),
        ["GlobalAveragePool"] = new TorchGlobalAveragePoolMapping(),
        ["MaxPool1D"] = TorchParameterlessMapping.Instance,
        ["MaxPool2D"] = TorchParameterlessMapping.Instance,
        ["AvgPool1D"] = TorchParameterlessMapping.Instance,
        ["AvgPool2D"] = TorchParameterlessMapping.Instance,
        ["Flatten"] = TorchParameterlessMapping.Instance,
        ["Transpose"] = TorchParameterlessMapping.Instance,
        ["Dropout"] = TorchParameterlessMapping.Instance,
        ["Activation"] = TorchParameterlessMapping.Instance,
        ["SimpleRnn"] = new TorchRecurrentMapping("nn.RNN", gates: 1),
        ["Lstm"] = new TorchRecurrentMapping("nn.LSTM", gates: 4),
        ["Gru"] = new TorchRecurrentMapping("nn.GRU", gates: 3),
    };

    /// <summary>The mapping of <paramref name="layer"/>'s kind.</summary>
    /// <exception cref="NotSupportedException">No mapping is known for the kind.</exception>
    public static TorchLayerMapping For(LayerDescription layer)
        => ByKind.TryGetValue(layer.Kind, out TorchLayerMapping? mapping)
            ? mapping
            : throw new NotSupportedException(
                $"Layer {layer.Name} is a {layer.Kind} layer, which PyTorch interop does not know: neither its module count in nn.Sequential nor its tensor names.");
}
