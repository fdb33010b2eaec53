namespace GenNN.Generator.Parsing;

/// <summary>Sizes beyond which generated code would not load or run well, checked at compile time (GNN0016); the scratch bound is <c>ScratchLayout.MaxBlockScratchBytes</c>.</summary>
internal static class NetworkLimits
{
    /// <summary>
    /// Bytes of one parameter buffer: 32 MiB (8 Mi floats, 4 Mi doubles). A network keeps its parameters, its
    /// gradients and an optimizer's state (twice that for Adam) in memory at once, and its every size is a compile-time
    /// constant in generated code: networks far beyond this belong to a framework with heap tensors.
    /// </summary>
    public const long MaxParameterBytes = 1L << 25;
}
