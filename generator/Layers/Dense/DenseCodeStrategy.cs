namespace GenNN.Generator.Layers.Dense;

/// <summary>How a dense layer's arithmetic is written out; chosen per layer, so small and large layers each get their best form.</summary>
internal enum DenseCodeStrategy
{
    /// <summary>One straight-line statement per neuron and weight: no loop overhead, constant indices. For small layers.</summary>
    Unrolled = 0,

    /// <summary>Calls to the SIMD dense kernels (<c>GenNN.Kernels.DenseKernel</c>): vectors of outputs in registers, each weight streamed once. For all but tiny layers.</summary>
    Vectorized = 1,
}
