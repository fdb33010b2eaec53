namespace GenNN.Benchmarks.Reporting;

/// <summary>
/// The arithmetic of one C1 inference (conv 1→8 3×3 on 28×28, max pool, conv 8→16 3×3, max pool, dense 400 → 10),
/// counting the products only (2 FLOP per multiply-add); pooling, activations and softmax are left out. Divided by
/// one core's peak it is the least time any implementation that computes the convolutions directly can take.
/// </summary>
public static class C1InferenceFlops
{
    private const long Convolution1MultiplyAdds = 8 * 26 * 26 * (1 * 3 * 3);
    private const long Convolution2MultiplyAdds = 16 * 11 * 11 * (8 * 3 * 3);
    private const long DenseMultiplyAdds = 400 * 10;

    /// <summary>One sample: 384,128 FLOP.</summary>
    public const long PerSample = 2 * (Convolution1MultiplyAdds + Convolution2MultiplyAdds + DenseMultiplyAdds);
}
