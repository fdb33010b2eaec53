namespace GenNN.Generator.Parsing;

/// <summary>Sizes beyond which generated code would not load or run well, checked at compile time (GNN0016); the scratch bound is <c>ScratchLayout.MaxBlockScratchBytes</c>.</summary>
internal static class NetworkLimits
{
    /// <summary>
    /// Bytes of one parameter buffer: 32 MiB (8 Mi floats, 4 Mi doubles). The parameters and gradients live inline
    /// in the network object, and the runtime refuses objects whose fields span more than 2^27 bytes.
    /// </summary>
    public const long MaxParameterBytes = 1L << 25;
}
