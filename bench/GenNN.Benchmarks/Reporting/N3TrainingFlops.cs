namespace GenNN.Benchmarks.Reporting;

/// <summary>
/// The arithmetic of one N3 training step (784 → 128 → 10, minibatch 32), counting the matrix products only
/// (2 FLOP per multiply-add); activations, softmax and the SGD update add about 2 % and are left out, so the rate
/// derived from it is a lower bound.
/// </summary>
public static class N3TrainingFlops
{
    private const long Layer1MultiplyAdds = 784 * 128;
    private const long Layer2MultiplyAdds = 128 * 10;

    /// <summary>Forward: both products. Backward: both weight gradients and layer 2's input gradient (layer 1's is not needed).</summary>
    public const long PerSample = 2 * ((Layer1MultiplyAdds + Layer2MultiplyAdds) + (Layer1MultiplyAdds + Layer2MultiplyAdds + Layer2MultiplyAdds));

    /// <summary>One minibatch of 32: 13,090,816 FLOP.</summary>
    public const long PerMinibatch = 32 * PerSample;
}
