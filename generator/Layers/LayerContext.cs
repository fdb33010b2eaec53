using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers;

/// <summary>What a layer emitter knows about its surroundings in the method being written.</summary>
/// <param name="Layer">The layer being written.</param>
/// <param name="Index">The layer's 1-based position.</param>
/// <param name="Numeric">The element type.</param>
/// <param name="Activation">
/// The activation to apply: the layer's own, except for the output layer, whose activation the network's head applies
/// to the logits this layer writes (Identity here).
/// </param>
/// <param name="Training">Whether this is a training pass.</param>
internal sealed record LayerContext(LayerSpec Layer, int Index, NumericType Numeric, ActivationSpec Activation, bool Training)
{
    /// <summary>The element type's keyword.</summary>
    public string T => Numeric.Keyword();

    /// <summary>
    /// The local span of a parameter tensor in generated methods, named after its layer so the code reads against
    /// the layer's members: <c>wHidden</c> for <c>HiddenWeights</c>, <c>wLayer2</c> for <c>Layer2Weights</c>.
    /// </summary>
    public string Local(ParameterTensor tensor) => LocalOf(Layer, tensor);

    /// <summary>The local span of <paramref name="tensor"/> of <paramref name="layer"/>: its prefix and the layer's name.</summary>
    public static string LocalOf(LayerSpec layer, ParameterTensor tensor) => tensor.LocalPrefix + layer.Name;

    /// <summary>The local span of a parameter tensor's gradient (<c>gwHidden</c>).</summary>
    public string GradientLocal(ParameterTensor tensor) => "g" + Local(tensor);

    /// <summary>
    /// An expression for a state tensor's span: in inference from the network's <c>buffers</c> (read-only); in training
    /// from <c>statistics</c>, the span the caller wants updated, which may be empty.
    /// </summary>
    public string Buffer(ParameterTensor tensor)
        => $"{(Training ? "statistics" : "buffers")}.Slice({Layer.Name}{tensor.MemberSuffix}Offset, {Layer.Name}{tensor.MemberSuffix}Length)";

    /// <summary>
    /// In a block backward pass, the parameter holding <c>TrainBatch</c>'s SGD step size (<c>learningRate / batchSize</c>)
    /// when the minibatch is one block and no gradients are pending, and <see langword="null"/> for every other call: the
    /// <see cref="ISgdStepFusingLayerEmitter"/> layers then step their parameters straight from the block's sums.
    /// </summary>
    public const string SgdStep = "sgdStep";

    /// <summary>The name of a layer constant: <c>Layer2Size</c> for <c>Size</c>.</summary>
    public string Constant(string suffix) => Layer.Name + suffix;

    /// <summary>The activation's kernel type: <c>global::GenNN.Kernels.TanhActivation&lt;float&gt;</c>.</summary>
    public string ActivationType => $"global::GenNN.Kernels.{Activation.Kind}Activation<{T}>";

    /// <summary>A literal of the element type.</summary>
    public string Literal(double value) => Numeric.Literal(value);

    /// <summary>The comment heading a layer's block: <c>Layer 2/3 'Hidden2': Dense (vectorized), [16] → [16], Tanh</c>.</summary>
    public static string HeadingOf(LayerSpec layer, int index, int layerCount)
        => $"Layer {Invariant.Text(index)}/{Invariant.Text(layerCount)} '{layer.Name}': {layer.Summary}, {layer.InputShape} → {layer.OutputShape}"
           + (layer.Activation.Kind == ActivationKind.Identity ? string.Empty : ", " + Activations.ActivationEmitter.Describe(layer.Activation));
}
