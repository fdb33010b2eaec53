using System;
using System.Numerics;

namespace GenNN;

/// <summary>
/// The weight initializations generated networks use. Both draw from a uniform distribution whose variance keeps
/// activations at a stable scale from layer to layer; biases start at zero.
/// </summary>
public static class ParameterInitializer
{
    /// <summary>
    /// He (Kaiming) uniform for the ReLU family: <c>U(−√(6/fanIn), √(6/fanIn))</c>, variance <c>2/fanIn</c>
    /// (PyTorch <c>kaiming_uniform_</c> with <c>nonlinearity='relu'</c>).
    /// </summary>
    public static void HeUniform<T>(ref SeededRandom random, Span<T> weights, int fanIn)
        where T : unmanaged, IFloatingPointIeee754<T>
        => FillUniform(ref random, weights, Math.Sqrt(6.0 / fanIn));

    /// <summary>
    /// Glorot (Xavier) uniform for tanh, sigmoid, softmax and identity:
    /// <c>U(−√(6/(fanIn+fanOut)), √(6/(fanIn+fanOut)))</c> (PyTorch <c>xavier_uniform_</c>).
    /// </summary>
    public static void GlorotUniform<T>(ref SeededRandom random, Span<T> weights, int fanIn, int fanOut)
        where T : unmanaged, IFloatingPointIeee754<T>
        => FillUniform(ref random, weights, Math.Sqrt(6.0 / (fanIn + fanOut)));

    private static void FillUniform<T>(ref SeededRandom random, Span<T> weights, double limit)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = T.CreateChecked(random.NextDouble(-limit, limit));
        }
    }
}
