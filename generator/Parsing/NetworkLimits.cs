namespace GenNN.Generator.Parsing;

/// <summary>Sizes beyond which generated code would not work well, checked at compile time (GNN0016).</summary>
internal static class NetworkLimits
{
    /// <summary>Parameters per network: 64 Mi, i.e. 256 MiB of floats per buffer (parameters and gradients each).</summary>
    public const long MaxParameters = 1L << 26;

    /// <summary>
    /// Activations kept per sample, summed over layers. They live on the stack (<c>stackalloc</c>), twice during
    /// backward (values and deltas): 32 Ki doubles is 512 KiB, safely inside a 1 MiB thread stack.
    /// </summary>
    public const long MaxActivations = 1L << 15;
}
