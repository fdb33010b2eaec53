namespace GenNN.Generator.Model;

/// <summary>
/// Working memory a layer needs beyond its input and output values, which the network's scratch layout places
/// (<c>Emit/ScratchLayout</c>): a layer declares what it needs and never allocates.
/// </summary>
/// <param name="Suffix">Names the region's constants: <c>Mask</c> gives <c>Layer2MaskOffset</c>.</param>
/// <param name="Length">Its number of values.</param>
/// <param name="Scope">How long it lives and for how many samples.</param>
internal sealed record ScratchRegion(string Suffix, int Length, ScratchScope Scope);

/// <summary>How long a <see cref="ScratchRegion"/> lives.</summary>
internal enum ScratchScope
{
    /// <summary>One per sample, written by training's forward pass and read by its backward pass (a dropout mask).</summary>
    TrainingSample,

    /// <summary>One per block of samples in training (BatchNorm's batch statistics, a dense layer's transposed weights).</summary>
    TrainingBlock,

    /// <summary>Used within one call of the layer's code and then free (a convolution's unfolded patches); layers share it.</summary>
    Temporary,
}
