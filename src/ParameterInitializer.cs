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

    /// <summary>
    /// PyTorch's initialization of recurrent layers (<c>nn.RNN</c>, <c>nn.LSTM</c>, <c>nn.GRU</c>), weights and biases
    /// alike: <c>U(−1/√hidden, 1/√hidden)</c>.
    /// </summary>
    public static void RecurrentUniform<T>(ref SeededRandom random, Span<T> values, int hiddenSize)
        where T : unmanaged, IFloatingPointIeee754<T>
        => FillUniform(ref random, values, 1 / Math.Sqrt(hiddenSize));

    private static void FillUniform<T>(ref SeededRandom random, Span<T> weights, double limit)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = T.CreateChecked(random.NextDouble(-limit, limit));
        }
    }
}
