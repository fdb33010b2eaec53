using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers;

/// <summary>
/// Writes one layer kind's arithmetic. Storage, constants, accessors and initialization are generic (driven by
/// <see cref="Model.LayerSpec.Tensors"/>); a layer kind only writes its forward and backward blocks.
/// </summary>
internal interface ILayerEmitter
{
    /// <summary>Writes the block computing <see cref="LayerEmitContext.Output"/> (and logits, if asked) from the input.</summary>
    void EmitForward(SourceWriter writer, LayerEmitContext context);

    /// <summary>
    /// Writes the block that turns <see cref="LayerEmitContext.Delta"/> into <c>dL/dz</c>, adds the parameter
    /// gradients, and writes <see cref="LayerEmitContext.InputDelta"/> when it is not null.
    /// </summary>
    void EmitBackward(SourceWriter writer, LayerEmitContext context);
}
