namespace GenNN.Generator.Layers;

/// <summary>
/// A layer kind whose block backward pass can take <c>TrainBatch</c>'s plain SGD step on its own parameters straight
/// from the block's sums, never touching their gradients: when the parameter named <see cref="LayerContext.SgdStep"/>
/// has a value (a minibatch of one block, no gradients pending), after everything in the pass that reads the old
/// parameters. <c>TrainBatch</c> then steps only the other layers' parameters. For a dense layer this saves streaming
/// its weights' gradients through L2 four times.
/// </summary>
internal interface ISgdStepFusingLayerEmitter : ILayerEmitter
{
}
