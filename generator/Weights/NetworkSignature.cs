using System.Linq;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers.Activation;
using GenNN.Generator.Model;

namespace GenNN.Generator.Weights;

/// <summary>
/// The network's signature exactly as the runtime's <c>NetworkDescription.Signature</c> computes it from the
/// description the generator emits (<c>Input(2)|Dense(2->16)|Dense(16->1)</c>): a model file loads only into a network
/// of the signature it was saved from. Activations, a layer's own or an activation layer, are not part of it.
/// </summary>
internal static class NetworkSignature
{
    public static string Of(NetworkSpec spec)
        => $"Input({ShapeText(spec.InputShape)})|" + string.Join("|", spec.Layers.Where(layer => layer is not ActivationLayerSpec).Select(LayerSignature));

    /// <summary>A signature saved by an earlier version, which listed activation layers, as this version writes it (as the runtime's <c>NetworkDescription.WithoutActivationLayers</c>).</summary>
    public static string WithoutActivationLayers(string signature)
        => string.Join("|", signature.Split('|').Where(part => !part.StartsWith("Activation(", System.StringComparison.Ordinal)));

    private static string LayerSignature(LayerSpec layer)
    {
        string shapes = layer.InputShape.Rank == 1 && layer.OutputShape.Rank == 1
            ? $"{Invariant.Text(layer.InputSize)}->{Invariant.Text(layer.OutputSize)}"
            : $"{ShapeText(layer.InputShape)}->{ShapeText(layer.OutputShape)}";

        // Activation parameters hold no weights, so the runtime leaves them out.
        string settings = string.Join(",", layer.Settings
            .Where(setting => setting.Name is not ("NegativeSlope" or "Alpha"))
            .Select(setting => $"{setting.Name}={Invariant.Text(setting.Value)}"));
        return settings.Length == 0 ? $"{layer.KindName}({shapes})" : $"{layer.KindName}({shapes};{settings})";
    }

    private static string ShapeText(TensorShape shape) => string.Join("x", shape.Dimensions.Select(Invariant.Text));
}
