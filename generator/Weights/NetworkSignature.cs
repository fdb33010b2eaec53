using System.Linq;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers.Activation;
using GenNN.Generator.Layers.Dropout;
using GenNN.Generator.Model;

namespace GenNN.Generator.Weights;

/// <summary>
/// The network's signature exactly as the runtime's <c>NetworkDescription.Signature</c> computes it from the
/// description the generator emits (<c>Input(2)|Dense(2->16)|Dense(16->1)</c>): a model file loads only into a network
/// of the signature it was saved from. Activations, a layer's own or an activation layer, dropout layers and
/// BatchNorm's momentum are not part of it (they hold no parameters, or only training reads them).
/// </summary>
internal static class NetworkSignature
{
    /// <summary>The settings left out, as the runtime's <c>NetworkDescription.UnsignedSettings</c>.</summary>
    private static readonly string[] UnsignedSettings = { "NegativeSlope", "Alpha", "Momentum" };

    public static string Of(NetworkSpec spec)
        => $"Input({ShapeText(spec.InputShape)})|" + string.Join("|", spec.Layers.Where(layer => layer is not (ActivationLayerSpec or DropoutLayerSpec)).Select(LayerSignature));

    /// <summary>
    /// A signature saved by an earlier version, which listed activation and dropout layers, BatchNorm's momentum and an
    /// LSTM's or GRU's meaningless <c>Nonlinearity=0</c>, as this version writes it (as the runtime's
    /// <c>NetworkDescription.AsThisVersionWrites</c>).
    /// </summary>
    public static string AsThisVersionWrites(string signature)
        => string.Join("|", signature.Split('|')
            .Where(part => !part.StartsWith("Activation(", System.StringComparison.Ordinal) && !part.StartsWith("Dropout(", System.StringComparison.Ordinal))
            .Select(WithoutUnsignedSettings));

    private static string WithoutUnsignedSettings(string part)
    {
        int settingsStart = part.IndexOf(';');
        if (settingsStart < 0)
        {
            return part;
        }

        bool gatedCell = part.StartsWith("Lstm(", System.StringComparison.Ordinal) || part.StartsWith("Gru(", System.StringComparison.Ordinal);
        string[] settings = part.Substring(settingsStart + 1, part.Length - settingsStart - 2).Split(',')
            .Where(setting => System.Array.IndexOf(UnsignedSettings, setting.Split('=')[0]) < 0 && !(gatedCell && setting.StartsWith("Nonlinearity=", System.StringComparison.Ordinal)))
            .ToArray();
        return settings.Length == 0 ? part.Substring(0, settingsStart) + ")" : part.Substring(0, settingsStart + 1) + string.Join(",", settings) + ")";
    }

    private static string LayerSignature(LayerSpec layer)
    {
        string shapes = layer.InputShape.Rank == 1 && layer.OutputShape.Rank == 1
            ? $"{Invariant.Text(layer.InputSize)}->{Invariant.Text(layer.OutputSize)}"
            : $"{ShapeText(layer.InputShape)}->{ShapeText(layer.OutputShape)}";

        string settings = string.Join(",", layer.Settings
            .Where(setting => System.Array.IndexOf(UnsignedSettings, setting.Name) < 0)
            .Select(setting => $"{setting.Name}={Invariant.Text(setting.Value)}"));
        return settings.Length == 0 ? $"{layer.KindName}({shapes})" : $"{layer.KindName}({shapes};{settings})";
    }

    private static string ShapeText(TensorShape shape) => string.Join("x", shape.Dimensions.Select(Invariant.Text));
}
