using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers;

/// <summary>
/// Writes one layer kind's arithmetic. Storage, constants, accessors and initialization are generic (driven by
/// <see cref="Model.LayerSpec.Tensors"/>); a layer kind writes its forward pass and its backward pass, the latter
/// both whole (one sample) and in the three pieces batch training interleaves with its loops over samples.
/// </summary>
internal interface ILayerEmitter
{
    /// <summary>Writes the block computing <see cref="LayerEmitContext.Output"/> (and logits, if asked) from the input.</summary>
    void EmitForward(SourceWriter writer, LayerEmitContext context);

    /// <summary>
    /// Batched inference: the forward pass over a block of samples. With <see cref="LayerEmitContext.Logits"/> set
    /// (the output layer) it writes pre-activations only; the caller applies the output activation.
    /// </summary>
    void EmitBatchForward(SourceWriter writer, LayerEmitContext context, BatchForwardViews views);

    /// <summary>
    /// One sample's backward pass: turns <see cref="LayerEmitContext.Delta"/> into <c>dL/dz</c>, adds the parameter
    /// gradients, and writes <see cref="LayerEmitContext.InputDelta"/> when it is not null.
    /// </summary>
    void EmitBackward(SourceWriter writer, LayerEmitContext context);

    /// <summary>Batch training, per sample: turns <see cref="LayerEmitContext.Delta"/> from <c>dL/da</c> into <c>dL/dz</c> in place.</summary>
    void EmitActivationBackward(SourceWriter writer, LayerEmitContext context);

    /// <summary>Batch training, once per block of samples: adds every sample's parameter gradients.</summary>
    void EmitBatchParameterGradients(SourceWriter writer, LayerEmitContext context, BatchGradientViews views);

    /// <summary>Batch training, per sample: writes <see cref="LayerEmitContext.InputDelta"/> from <c>dL/dz</c>.</summary>
    void EmitInputGradient(SourceWriter writer, LayerEmitContext context);
}
