using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers;

/// <summary>
/// Writes one layer kind's arithmetic: its three passes. Storage, constants, accessors, initialization and the scratch
/// layout are generic (driven by the spec's tensors, buffers and scratch regions); the network emitter only sequences
/// layers, inside a scope of their own, and applies the output head.
/// </summary>
internal interface ILayerEmitter
{
    /// <summary>Inference on one sample: reads <see cref="SampleViews.Input"/>, writes <see cref="SampleViews.Output"/>.</summary>
    void EmitForward(SourceWriter writer, LayerContext context, SampleViews views);

    /// <summary>
    /// The forward pass over a block of samples, in inference or, with <see cref="LayerContext.Training"/>, training mode
    /// (dropout draws masks, BatchNorm uses and updates batch statistics), keeping what backward needs in the layer's
    /// scratch regions.
    /// </summary>
    void EmitBlockForward(SourceWriter writer, LayerContext context, BlockViews views);

    /// <summary>
    /// Training's backward pass over the block: <see cref="BlockViews.OutputDeltas"/> hold <c>dL/d(output)</c> (the layer may
    /// overwrite them); adds the parameter gradients (or, for an <see cref="ISgdStepFusingLayerEmitter"/> in
    /// <c>TrainBatch</c>'s fast path, takes the SGD step instead), and writes <c>dL/d(input)</c> to
    /// <see cref="BlockViews.InputDeltas"/> unless it is <see langword="null"/> (the network's input needs none).
    /// </summary>
    void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views);
}
