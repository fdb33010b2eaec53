namespace GenNN.Generator.Parsing;

/// <summary>
/// Sizes beyond which generated code would not load or run well, checked at compile time (GNN0016). Every size a spec
/// computes in 32 bits stays far below 2^31 under them, which the parsers check in 64 bits before they build a spec.
/// </summary>
internal static class NetworkLimits
{
    /// <summary>
    /// Bytes of one sample's working values in a pass (activations, deltas, dropout masks, a recurrent layer's saved
    /// states): 32 MiB. It also bounds <c>BatchBlockSize</c>, a block's samples taking at most this many bytes each.
    /// </summary>
    public const long MaxSampleScratchBytes = 32L << 20;

    /// <summary>
    /// Bytes of a layer's working memory for one call, which layers share (a strided convolution's unfolded patches):
    /// 128 MiB. Each thread that runs a pass rents that much from the network's workspace pool.
    /// </summary>
    public const long MaxTemporaryScratchBytes = 128L << 20;

    /// <summary>
    /// Bytes of one parameter buffer: 32 MiB (8 Mi floats, 4 Mi doubles). A network keeps its parameters, its
    /// gradients and an optimizer's state (twice that for Adam) in memory at once, and its every size is a compile-time
    /// constant in generated code: networks far beyond this belong to a framework with heap tensors.
    /// </summary>
    public const long MaxParameterBytes = 1L << 25;
}
