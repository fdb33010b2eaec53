using GenNN.Generator.Model;

namespace GenNN.Generator.Layers;

/// <summary>
/// What a layer emitter needs to know about its surroundings: its position, and the names of the spans it reads
/// and writes in the generated method.
/// </summary>
/// <param name="Layer">The layer being written.</param>
/// <param name="Index">The layer's 1-based position.</param>
/// <param name="LayerCount">The number of layers in the network.</param>
/// <param name="Numeric">The element type.</param>
/// <param name="Input">The span holding the layer's input vector.</param>
/// <param name="Output">The span receiving (forward) or holding (backward) the layer's activations.</param>
/// <param name="Logits">The span that also receives the pre-activations (the output layer only), else <see langword="null"/>.</param>
/// <param name="Delta">Backward: the span holding <c>dL/da</c> of this layer's output, turned into <c>dL/dz</c> in place.</param>
/// <param name="DeltaIsPreActivation">Backward: the loss already gave <c>dL/dz</c> (a fused loss), so the activation's derivative is skipped.</param>
/// <param name="InputDelta">Backward: the span receiving <c>dL/d(input)</c>, or <see langword="null"/> for the first layer, whose input needs none.</param>
internal sealed record LayerEmitContext(
    LayerSpec Layer,
    int Index,
    int LayerCount,
    NumericType Numeric,
    string Input,
    string Output,
    string? Logits,
    string Delta,
    bool DeltaIsPreActivation,
    string? InputDelta)
{
    /// <summary>The local span of a parameter tensor in generated methods (<c>w2</c>).</summary>
    public string Local(ParameterTensor tensor) => tensor.LocalPrefix + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The local span of a parameter tensor's gradient (<c>gw2</c>).</summary>
    public string GradientLocal(ParameterTensor tensor) => "g" + Local(tensor);

    /// <summary>The comment heading a layer's block: <c>Layer 2/3 'Hidden2': Dense 16 → 16, Tanh (unrolled)</c>.</summary>
    public static string HeadingOf(LayerSpec layer, int index, int layerCount)
        => $"Layer {index}/{layerCount} '{layer.Name}': {layer.KindName} {layer.InputSize} → {layer.OutputSize}, "
           + $"{Activations.ActivationEmitter.Describe(layer.Activation)} ({(layer.Strategy == CodeStrategy.Unrolled ? "unrolled" : "vectorized")})";
}
